"""Unit tests of the corpus generators: python3 -m unittest discover -s scripts/corpus
(run with bench/extract/.venv/bin/python: needs Pillow, numpy, pdf417gen)."""
import json
import os
import unittest

import aamva
import mrz
from common import check_digit, rng_for

HERE = os.path.dirname(os.path.abspath(__file__))


class CheckDigits(unittest.TestCase):
    def test_icao_example(self):
        # ICAO 9303 part 3: document number L898902C3 has check digit 6, 740812 has 2.
        self.assertEqual(check_digit("L898902C3"), "6")
        self.assertEqual(check_digit("740812"), "2")

    def test_every_format_holds_its_check_digits(self):
        for fmt in ("TD3", "TD1", "TD2", "MRVA", "MRVB"):
            for i in range(20):
                rng = rng_for(1, fmt, i)
                p = mrz.person(rng, "test")
                lines = mrz.lines(rng, fmt, p)
                self.assertEqual({len(l) for l in lines}, {mrz.FORMATS[fmt]}, fmt)
                if fmt == "TD1":
                    l1, l2 = lines[0], lines[1]
                    self.assertEqual(check_digit(l1[5:14]), l1[14])
                    self.assertEqual(check_digit(l2[0:6]), l2[6])
                    self.assertEqual(check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]), l2[29])
                else:
                    l2 = lines[1]
                    self.assertEqual(check_digit(l2[0:9]), l2[9])
                    self.assertEqual(check_digit(l2[13:19]), l2[19])
                    self.assertEqual(check_digit(l2[21:27]), l2[27])

    def test_no_test_split_mrz_is_in_the_readers_fixtures(self):
        # The reader's fixtures and unit tests are tuned on: a public MRZ of
        # the test source must appear in none of them.
        with open(os.path.join(HERE, "data", "public_mrz.json")) as f:
            items = json.load(f)["mrz"]
        test_lines = {l for it in items if not it["id"].startswith("icao-") for l in it["lines"]}
        root = os.path.join(HERE, "..", "..", "crates", "extract")
        tuned = []
        for sub in ("tests/mrz/expected.json", "tests/mrz_unseen/expected.json"):
            with open(os.path.join(root, sub)) as f:
                tuned.append(f.read())
        for base, _, files in os.walk(os.path.join(root, "src", "mrz")):
            for name in files:
                if name.endswith(".rs"):
                    with open(os.path.join(base, name)) as f:
                        tuned.append(f.read())
        for line in test_lines:
            self.assertFalse(any(line in t for t in tuned), line)

    def test_public_mrz_check_digits_hold(self):
        with open(os.path.join(HERE, "data", "public_mrz.json")) as f:
            items = json.load(f)["mrz"]
        for it in items:
            lines = it["lines"]
            l2 = lines[1]
            if it["format"] == "TD1":
                self.assertEqual(check_digit(lines[0][5:14]), lines[0][14], it["id"])
                self.assertEqual(check_digit(l2[0:6]), l2[6], it["id"])
            else:
                self.assertEqual(check_digit(l2[13:19]), l2[19], it["id"])


class Aamva(unittest.TestCase):
    def test_directory_offsets_point_at_the_subfiles(self):
        for split in ("dev", "test"):
            for i in range(30):
                payload, exp, version = aamva.synthetic(rng_for(2, split, i), i, split)
                head = payload.index("ANSI ") + 5 + 6 + 2 + (0 if version == 1 else 2) + 2
                sub, off, ln = payload[head:head + 2], int(payload[head + 2:head + 6]), int(payload[head + 6:head + 10])
                self.assertEqual(payload[off:off + 2], sub, (split, i))
                self.assertEqual(len(payload[off:off + ln]), ln)
                self.assertIn(exp["last_name"], payload)

    def test_public_payloads_carry_their_expected_values(self):
        for it in aamva.load_public():
            for k in ("first_name", "last_name", "document_number"):
                self.assertIn(it["expected"][k], it["payload"], (it["id"], k))


class Determinism(unittest.TestCase):
    def test_items_do_not_depend_on_draw_order(self):
        a = aamva.synthetic(rng_for(1583, "x", 3), 3, "test")
        aamva.synthetic(rng_for(1583, "x", 2), 2, "test")
        self.assertEqual(a, aamva.synthetic(rng_for(1583, "x", 3), 3, "test"))


if __name__ == "__main__":
    unittest.main()

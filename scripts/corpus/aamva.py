"""AAMVA DL/ID payloads: synthetic ones per split, and public ones from other
parsers' test suites (data/public_aamva.json), each with the fields a reader
should give (`expected`, the names bench/extract/run and tests/corpus.rs score).
"""
import json
import os

from common import CA, US, iso, names, places, rdate

HERE = os.path.dirname(os.path.abspath(__file__))


def encode_file(rng, els, iin, st, version, subfile, sep=0, jsub=True):
    """An AAMVA file: header, directory, the DL/ID subfile from `els` ((code, value)
    pairs) and a jurisdiction subfile; `sep` picks a header separator variant."""
    body = subfile + "\n".join(c + v for c, v in els) + "\r"
    zsub = "Z" + st[0] + "Z" + st[0] + "A" + str(rng.randint(0, 99)) + "\r" if jsub else ""
    pre = ["@\n\x1e\r", "@\n\x1e\r", "@\n\x1e\n", "@\n\n"][sep % 4] if version > 2 else "@\n\x1e\r"
    jv = "" if version == 1 else "00"
    entries = 2 if jsub else 1
    head_len = len(pre) + 5 + 6 + 2 + len(jv) + 2 + 10 * entries
    off1 = head_len
    header = f"{pre}ANSI {iin}{version:02d}{jv}{entries:02d}{subfile}{off1:04d}{len(body):04d}"
    if jsub:
        header += f"Z{st[0]}{off1 + len(body):04d}{len(zsub):04d}"
    return header + body + zsub


def synthetic(rng, i, split):
    """(payload, expected fields, version). The test split draws from other name,
    street and city pools, pads fields the way some issuers do (trailing spaces,
    9-digit ZIPs with blanks), orders the optional elements differently and adds
    DCU suffixes and DCK inventory numbers; versions and jurisdictions are the same
    range (that is the standard, not a generator habit)."""
    first_pool, last_pool, mid_pool = names(split)
    streets, cities = places(split)
    test = split == "test"
    canadian = i % 5 == 4
    version = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10][(i * 3 if test else i) % 10]
    if canadian:
        iin, st, city, pc = rng.choice(CA)
        zip_field, postal = pc, pc[:3] + " " + pc[3:]
        street = f"{rng.randint(1, 999)} {rng.choice(['KING ST W', 'RUE SAINTE-CATHERINE', 'MAIN ST', '104 AVE NW'])}"
    else:
        iin, st = rng.choice(US)
        city, street = rng.choice(cities), rng.choice(streets)
        z5 = f"{rng.randint(10000, 99999)}"
        plus4 = rng.choice(["0000", f"{rng.randint(1, 9999):04d}"])
        zip_field = z5 + plus4 + rng.choice(["", "  "])
        postal = z5 if plus4 == "0000" else f"{z5}-{plus4}"
    first, last = rng.choice(first_pool), rng.choice(last_pool)
    middle = rng.choice(mid_pool)
    dob, iss = rdate(rng, 1940, 2005), rdate(rng, 2019, 2025)
    exp = (iss[0] + rng.randint(4, 8), iss[1], iss[2])
    sex = rng.choice([1, 2])
    num = rng.choice(["D", "S", "T", ""]) + "".join(rng.choice("0123456789") for _ in range(rng.randint(7, 9)))
    subfile = "ID" if i % 7 == 3 else "DL"
    ymd = canadian or version == 1
    fd = (lambda t: f"{t[0]:04d}{t[1]:02d}{t[2]:02d}") if ymd else (lambda t: f"{t[1]:02d}{t[2]:02d}{t[0]:04d}")
    pad = (lambda s, n: s.ljust(n)) if test and rng.random() < 0.5 else (lambda s, n: s)
    els = [("DAQ", pad(num, 15))]
    if version == 1:
        els += [("DAA", f"{last},{first}" + (f",{middle}" if middle else ""))]
    elif version <= 3:
        els += [("DCS", pad(last, 40)), ("DCT", f"{first} {middle}".strip())]
    else:
        els += [("DCS", pad(last, 40)), ("DDE", "N"), ("DAC", pad(first, 40)), ("DDF", "N"),
                ("DAD", pad(middle or "NONE", 40)), ("DDG", "N")]
    els += [("DBD", fd(iss)), ("DBB", fd(dob)), ("DBA", fd(exp)),
            ("DBC", ("M" if sex == 1 else "F") if version == 1 else str(sex)),
            ("DAU", "069 IN" if not test else rng.choice(["069 in", "175 CM", "072 IN"])),
            ("DAY", "BRO"), ("DAG", pad(street, 35)), ("DAI", pad(city, 20)), ("DAJ", st),
            ("DAK", zip_field if not test else zip_field.ljust(11))]
    if version >= 2:
        els += [("DCF", "".join(rng.choice("0123456789ABCDEF") for _ in range(16))),
                ("DCG", "CAN" if canadian else "USA")]
    if version >= 5:
        els += [("DDA", "F"), ("DDB", "09012020"), ("DDD", "0")]
    if test and version >= 4:
        els += [("DCK", "".join(rng.choice("0123456789") for _ in range(18))), ("DCU", "")]
        # Issuers order the optional elements as they please; the mandatory head stays.
        head, tail = els[:7], els[7:]
        rng.shuffle(tail)
        els = head + tail
    payload = encode_file(rng, els, iin, st, version, subfile, i % 4, jsub=not (test and i % 3 == 2))
    expected = {
        "first_name": first, "last_name": last, "date_of_birth": iso(*dob), "expiry_date": iso(*exp),
        "issue_date": iso(*iss), "sex": "M" if sex == 1 else "F", "document_number": num,
        "issuing_state": st, "issuing_country": "CAN" if canadian else "USA",
        "address": {"street": street, "city": city, "state": st, "postal_code": postal},
    }
    if middle:
        expected["middle_name"] = middle
    return payload, expected, version


def load_public():
    """The public payloads: list of dicts {id, payload, expected, source, licence}."""
    with open(os.path.join(HERE, "data", "public_aamva.json")) as f:
        return json.load(f)["payloads"]


def public(i):
    items = load_public()
    it = items[i % len(items)]
    version = int(it["payload"].split("ANSI ", 1)[-1][6:8]) if "ANSI " in it["payload"] else 1
    return it["payload"], it["expected"], version, it

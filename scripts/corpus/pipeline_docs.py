"""The documents of the pipeline corpus (scripts/gen-pipeline-corpus), drawn
with the same sources as the extraction corpus: `Docs("dev")` uses the dev
encoders (pdf417gen, zint), MRZ fonts (OCR-B, DejaVu/Liberation Mono and the
eight `unseen_font` monospaces), pages a/c/d, fronts a/b/e/f, and the dev
photo, shake and tilt cameras; `Docs("test")` only the test ones (zxing-cpp,
FreeMono/Nimbus Mono/Noto Mono, front-c/d, lease-b/decl-b, test camera).
"""
from PIL import Image, ImageFilter

import address
import camera
import licence_back
import licence_front
import mrz
from common import check_digit as cd, iso

SOURCES = {
    # The dev side draws from every dev source of the extraction corpus (the
    # first cut had only OCR-B / DejaVu / Liberation MRZs on page-a, photographed
    # milder than the test split, and reproduced none of the test split's losses).
    "dev": dict(encoders=["pdf417gen", "zint"], backs=["back-a", "back-b"], mrz_fonts=["ocrb", "dejavu_mono",
                "liberation_mono", "courier_prime", "fira_code", "anonymous_pro", "b612_mono", "hermit", "agave",
                "league_mono", "fantasque"], page=["page-a", "page-c", "page-d"], card=["card-a", "card-c", "card-d"],
                fronts=["front-a", "front-b", "front-e", "front-f"],
                front_fonts=["dejavu_sans", "liberation_sans", "b612", "dejavu_condensed", "liberation_narrow"],
                faces=["dejavu_sans", "liberation_sans"], cameras=["photo", "shake", "tilt"],
                addr={"Lease": "lease-a"}, addr_other="decl-a", addr_fonts=["dejavu_sans"], pdf_font="Helvetica"),
    "test": dict(encoders=["zxing-cpp"], backs=["back-c", "back-d"], mrz_fonts=["hack", "jetbrains_mono",
                 "mononoki"], page=["page-b"], card=["card-b"], cameras=["photo"], fronts=["front-c", "front-d"],
                 front_fonts=["freesans", "nimbus_sans", "urw_gothic"], faces=["freesans", "nimbus_sans"],
                 addr={"Lease": "lease-b"}, addr_other="decl-b", addr_fonts=["liberation_serif", "nimbus_roman"],
                 pdf_font="Times-Roman"),
}


def _parts(side):
    """Every encoder, font and layout a split draws with (cameras are named
    alike in both splits; their parameters differ per split: camera.py)."""
    out = set()
    for key, v in side.items():
        if key == "cameras":
            continue
        vals = v.values() if isinstance(v, dict) else v if isinstance(v, list) else [v]
        out.update(vals)
    return out


# The split is by source: no encoder, font or layout of the test side on the dev side.
_SHARED = _parts(SOURCES["dev"]) & _parts(SOURCES["test"])
if _SHARED:
    raise SystemExit(f"pipeline_docs: dev and test share {sorted(_SHARED)}")


def pick(rng, options):
    """rng.choice, but a single option draws nothing: the test split's files stay
    byte-identical to those of the first cut, whose figures the notes quote."""
    return options[0] if len(options) == 1 else rng.choice(options)


class Docs:
    def __init__(self, split):
        self.split = split
        self.s = SOURCES[split]

    def card_back(self, rng, payload):
        encoder = rng.choice(self.s["encoders"])
        sym, _ = licence_back.draw_symbol(rng, self.split, encoder, payload)
        card = licence_back.card(rng, rng.choice(self.s["backs"]), sym, rng.choice(self.s["faces"]))
        # A genuine case's picture must pass the image-quality rule (>= ~1000 px
        # wide, as a phone photo of a card is): small symbols are printed larger.
        if card.width < 1100:
            k = -(-1100 // card.width)
            card = card.resize((card.width * k, card.height * k), Image.NEAREST)
        return card

    def licence_front(self, rng, fields):
        return licence_front.front(rng, rng.choice(self.s["fronts"]), rng.choice(self.s["front_fonts"]), fields)

    def td3_lines(self, first, middle, last, dob, exp, sex, num, nat):
        given = first + ("<" + middle if middle else "")
        l1 = "P<" + nat + mrz.name_field(last, given, 39)
        b, e, pn = mrz.yymmdd(dob), mrz.yymmdd(exp), "<" * 14
        l2 = num + cd(num) + nat + b + cd(b) + sex + e + cd(e) + pn + cd(pn)
        l2 += cd(l2[0:10] + l2[13:20] + l2[21:43])
        return [l1, l2]

    def td1_lines(self, first, middle, last, dob, exp, sex, num, nat, code="I<"):
        given = first + ("<" + middle if middle else "")
        l1 = (code + nat + num + cd(num)).ljust(30, "<")
        b, e = mrz.yymmdd(dob), mrz.yymmdd(exp)
        l2 = (b + cd(b) + sex + e + cd(e) + nat).ljust(29, "<")
        l2 += cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
        return [l1, l2, mrz.name_field(last, given, 30)]

    def mrz_page(self, rng, lines, shown):
        """shown: last_name, first_name, middle_name, date_of_birth, expiry_date, document_number (ISO dates)."""
        ymd = lambda s: tuple(int(x) for x in s.split("-"))
        viz = dict(surname=shown["last_name"], given=(shown["first_name"] + " " + shown.get("middle_name", "")).strip(),
                   number=shown["document_number"], dob=ymd(shown["date_of_birth"]), exp=ymd(shown["expiry_date"]))
        layout = pick(rng, self.s["card"] if len(lines) == 3 else self.s["page"])
        img, _ = mrz.page(rng, layout, rng.choice(self.s["mrz_fonts"]), rng.choice(self.s["faces"]), lines, viz)
        return img

    def address_layout(self, kind):
        return self.s["addr"].get(kind, self.s["addr_other"])

    def address_blocks(self, kind, name, street, city, st, zip_printed, start, end, policy):
        return address.blocks(self.address_layout(kind), kind, name, street, f"{city}, {st} {zip_printed}",
                              start, end, policy)

    def address_pdf(self, blocks, path):
        address.pdf(blocks, path, self.s["pdf_font"])

    def address_image(self, rng, blocks):
        return address.image(blocks, rng.choice(self.s["addr_fonts"]))

    def photograph(self, rng, img, variant, full):
        """photo: the split's photo parameters, 3 or 12 MP; unreadable: hard, then blurred past reading."""
        frame = (4000, 3000) if full else (2000, 1500)
        if variant == "unreadable":
            shot = camera.photograph(rng, img, self.split, "hard", (2000, 1500))
            return shot.filter(ImageFilter.GaussianBlur(16))
        return camera.photograph(rng, img, self.split, pick(rng, self.s["cameras"]), frame)

    iso = staticmethod(iso)

"""Licence fronts in several layouts. The AAMVA card design standard numbers
the fields (1 family name, 2 given names, 3 DOB, 4a ISS, 4b EXP, 4d number,
8 address); states print them in their own arrangement, with or without the
numbers. Layouts front-a, front-b (dev; numbered) and front-c, front-d (test:
label words without numbers, two columns, values before labels, another date
format) are disjoint; so are their fonts (sources.json).

front-e and front-f (dev, source `front-shapes`, issue 15) stand for the fronts
the reader has never seen without copying the test layouts: small labels with
the value printed BELOW (front-e) or ABOVE (front-f) them, two columns, short
codes (`DOB`, `EXP`, `ISS`, `4d DLN`, `LN`, `FN`) with or without the AAMVA
number, bare numbers (`3`, `4b`) without words, the name as `LAST, FIRST` on one
line or on two, and distractors that look like fields (`5 DD` document
discriminator, class, sex, height). Each item draws its own variant so that
no single arrangement can be learnt. Fonts: B612, DejaVu Sans Condensed,
Liberation Sans Narrow (no test source uses them).
"""
from PIL import Image, ImageDraw

from common import bold, font, us_date

STATE_NAMES = {"TN": "TENNESSEE", "VA": "VIRGINIA", "TX": "TEXAS", "CA": "CALIFORNIA", "NY": "NEW YORK",
               "FL": "FLORIDA", "CO": "COLORADO", "IL": "ILLINOIS", "OR": "OREGON", "WA": "WASHINGTON",
               "GA": "GEORGIA", "OH": "OHIO", "PA": "PENNSYLVANIA", "MI": "MICHIGAN", "AZ": "ARIZONA"}


def _dash(t):
    return f"{t[1]:02d}-{t[2]:02d}-{t[0]}"


def front(rng, layout, face, p):
    """p: dict with first, middle, last, dob, exp, iss (y, m, d), num, street, city, st, zip, sex."""
    W, H = 1280, 808
    given = (p["first"] + " " + p["middle"]).strip()
    csz = f"{p['city']}, {p['st']} {p['zip']}"
    state = STATE_NAMES.get(p["st"], p["st"])
    small, big = font(face, 24), font(bold(face), 38)
    if layout in ("front-a", "front-b"):
        bg = rng.randint(225, 242)
        img = Image.new("RGB", (W, H), (bg, bg, bg - 4))
        d = ImageDraw.Draw(img)
        for k in range(0, W, 7):
            d.line([(k, 0), (k + 60, H)], fill=(bg - 8,) * 3)
        d.rectangle([0, 0, W, 120], fill=(40, 60, 110))
        d.text((40, 18), state, fill=(245,) * 3, font=font(bold(face), 52))
        d.text((40, 80), "DRIVER LICENSE", fill=(230,) * 3, font=font(face, 30))
        if layout == "front-a":
            d.rectangle([40, 170, 350, 560], fill=(140, 140, 140))
            rows = [("4d DLN", p["num"]), ("1", p["last"]), ("2", given), ("3 DOB", us_date(p["dob"])),
                    ("4b EXP", us_date(p["exp"])), ("8", p["street"]), ("", csz)]
            y = 150
            for label, value in rows:
                if label:
                    d.text((400, y + 8), label, fill=(150, 30, 30), font=small)
                d.text((400 + (110 if label else 110), y), value, fill=(15,) * 3, font=big)
                y += 70 if label != "8" else 48
        else:  # front-b: numbers inline, two columns of dates
            d.rectangle([W - 350, 160, W - 40, 560], fill=(150, 150, 150))
            d.text((40, 150), f"4d DL NO. {p['num']}", fill=(15,) * 3, font=big)
            d.text((40, 220), f"1 {p['last']}", fill=(15,) * 3, font=big)
            d.text((40, 270), f"2 {given}", fill=(15,) * 3, font=big)
            d.text((40, 330), f"8 {p['street']}", fill=(15,) * 3, font=small)
            d.text((72, 362), csz, fill=(15,) * 3, font=small)
            d.text((40, 430), f"3 DOB {us_date(p['dob'])}", fill=(180, 20, 20), font=big)
            d.text((40, 490), f"4a ISS {us_date(p['iss'])}", fill=(15,) * 3, font=small)
            d.text((420, 490), f"4b EXP {us_date(p['exp'])}", fill=(15,) * 3, font=small)
            d.text((40, 540), f"15 SEX {p['sex']}", fill=(15,) * 3, font=small)
        return img
    if layout in ("front-e", "front-f"):
        return _shapes(rng, layout, face, p, W, H)
    # Test layouts.
    base = rng.choice([(236, 226, 206), (214, 230, 236), (232, 232, 240)])
    img = Image.new("RGB", (W, H), base)
    d = ImageDraw.Draw(img)
    for k in range(0, H, 9):
        d.arc([-200, k - 300, W + 200, k + 300], 0, 180, fill=tuple(c - 14 for c in base))
    title = font(bold(face), 56)
    if layout == "front-c":
        # State words as labels, values below them, photo on the right, two columns.
        d.text((40, 24), state, fill=(120, 20, 30), font=title)
        d.text((40, 92), "USA  DRIVER'S LICENSE", fill=(40,) * 3, font=font(face, 28))
        d.rectangle([W - 360, 160, W - 50, 580], fill=(120, 120, 128))
        cells = [("DL NO", p["num"], 40, 160), ("CLASS", "D", 520, 160),
                 ("LN", p["last"], 40, 250), ("FN", given, 40, 330),
                 ("ADDRESS", p["street"], 40, 410), ("", csz, 40, 478),
                 ("DOB", _dash(p["dob"]), 40, 545), ("EXPIRES", _dash(p["exp"]), 420, 545),
                 ("ISSUED", _dash(p["iss"]), 40, 640), ("SEX", p["sex"], 420, 640)]
        for label, value, x, y in cells:
            if label:
                d.text((x, y), label, fill=(90, 40, 40), font=font(face, 20))
            d.text((x, y + (24 if label else 0)), value, fill=(10,) * 3, font=font(bold(face), 34))
    else:  # front-d: value first, the label after it, small; address split; dates with month names
        months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        md = lambda t: f"{t[2]:02d} {months[t[1] - 1]} {t[0]}"
        d.rectangle([0, 0, W, 110], fill=(20, 90, 60))
        d.text((W // 2 - 260, 20), f"{state} · IDENTIFICATION", fill=(255,) * 3, font=font(bold(face), 44))
        d.rectangle([40, 150, 330, 520], fill=(128, 128, 120))
        y = 140
        for value, label, f in [(p["last"] + ",", "", big), (given, "", big),
                                (p["street"], "", small), (csz, "", small),
                                (p["num"], "LIC#", big), (md(p["dob"]), "BORN", big),
                                (md(p["exp"]), "EXPIRES", big), (md(p["iss"]), "ISSUED", small)]:
            d.text((380, y), value, fill=(10,) * 3, font=f)
            if label:
                d.text((380 + int(f.getlength(value)) + 18, y + 10), label, fill=(20, 90, 60), font=font(face, 20))
            y += f.size + 20
    return img


def _shapes(rng, layout, face, p, W, H):
    """front-e / front-f: label-and-value cells in two columns (see the module doc)."""
    given = (p["first"] + " " + p["middle"]).strip()
    csz = f"{p['city']}, {p['st']} {p['zip']}"
    state = STATE_NAMES.get(p["st"], p["st"])
    bg = rng.choice([(238, 232, 214), (222, 234, 242), (236, 236, 236), (242, 226, 226)])
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    for k in range(0, W, 11):
        d.line([(k, 0), (k - 80, H)], fill=tuple(c - 10 for c in bg))
    ink = rng.choice([(15, 15, 15), (10, 20, 60)])
    lab_ink = rng.choice([(160, 30, 30), (40, 40, 40), (20, 60, 140)])
    d.rectangle([0, 0, W, 100], fill=rng.choice([(30, 70, 120), (110, 20, 30), (20, 80, 50)]))
    d.text((36, 14), state, fill=(250,) * 3, font=font(bold(face), 46))
    d.text((W - 420, 36), rng.choice(["DRIVER LICENSE", "DRIVER'S LICENSE", "OPERATOR LICENSE"]),
           fill=(240,) * 3, font=font(face, 32))
    px = rng.choice([36, W - 330])  # photo left or right
    d.rectangle([px, 140, px + 290, 520], fill=(130, 130, 136))
    x0 = 380 if px < 100 else 40
    x1 = x0 + rng.choice([400, 430, 460])
    lab, val = font(face, rng.choice([18, 20, 22])), font(bold(face), rng.choice([32, 34, 36]))
    num = lambda n, w: (f"{n} {w}" if w else n) if rng.random() < 0.6 else (w or n)
    date = us_date
    # Name: two numbered / coded lines, or `LAST, FIRST MIDDLE` on one line.
    style = rng.choice(["coded", "numbered", "comma", "comma-bare"])
    cells = []  # (label, value, column, value_font)
    if style == "coded":
        cells += [("LN", p["last"], 0, val), ("FN", given, 0, val)]
    elif style == "numbered":
        cells += [("1", p["last"], 0, val), ("2", given, 0, val)]
    elif style == "comma":
        cells += [(rng.choice(["1,2", "NAME"]), f"{p['last']}, {given}", 0, val)]
    else:
        cells += [("", f"{p['last']}, {given}", 0, val)]
    cells += [(num("4d", rng.choice(["DLN", "DL", "LIC NO", ""])), p["num"], 0, val),
              (num("9", "CLASS"), rng.choice(["D", "C", "M"]), 1, lab),
              (num("3", "DOB"), date(p["dob"]), 0, val),
              (num("4b", "EXP"), date(p["exp"]), 1, val),
              (num("4a", "ISS"), date(p["iss"]), 0, lab),
              (num("15", "SEX"), p["sex"], 1, lab),
              (num("16", "HGT"), f"{rng.randint(5, 6)}'-{rng.randint(0, 11):02d}\"", 1, lab),
              (num("5", "DD"), "".join(rng.choice("0123456789") for _ in range(rng.choice([10, 12, 14]))), 0, lab)]
    addr = (num("8", "ADDRESS") if rng.random() < 0.7 else "", p["street"], 0, lab)
    # Address first or last in the left column; the date cells shuffled a little.
    head, dates, tail = cells[:-8], cells[-8:-1], cells[-1:]
    if rng.random() < 0.5:
        dates[2], dates[4] = dates[4], dates[2]
    order = head + ([addr] if rng.random() < 0.5 else []) + dates + tail
    if addr not in order:
        order.append(addr)
    below = layout == "front-e"  # value below its label (front-e) or above it (front-f)
    y_col = [140, 140 + rng.choice([0, 90])]
    for label, value, col, vf in order:
        x, y = (x0, x1)[col], y_col[col]
        if label == "" or not below:
            d.text((x, y), value, fill=ink, font=vf)
            if label:
                d.text((x, y + vf.size + 4), label, fill=lab_ink, font=lab)
        else:
            d.text((x, y), label, fill=lab_ink, font=lab)
            d.text((x, y + lab.size + 4), value, fill=ink, font=vf)
        step = vf.size + (lab.size + 4 if label else 0) + rng.randint(14, 24)
        if (label, value) == addr[:2]:
            # The city line sits right under the street, unlabelled.
            yy = y + step - rng.randint(10, 14)
            d.text((x, yy), csz, fill=ink, font=lab)
            step += lab.size + 10
        y_col[col] = y + step
    return img


def expected(p):
    out = {"first_name": p["first"], "last_name": p["last"], "document_number": p["num"],
           "date_of_birth": "%04d-%02d-%02d" % p["dob"], "expiry_date": "%04d-%02d-%02d" % p["exp"]}
    return out

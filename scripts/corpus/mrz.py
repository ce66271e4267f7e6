"""Machine-readable zones (ICAO 9303: TD1, TD2, TD3, MRV-A, MRV-B) and the
pages that carry them.

Lines are built with every check digit; where ICAO allows both, an empty
optional field's check digit is '<' or '0' (drawn). Pages: page-a / card-a
and page-c / card-c (dev; page-c has a tinted guilloche ground, dotted dates
and bolder MRZ strokes), page-d / card-d (dev, the pipeline corpus's second
round: labels in three languages as a US passport prints them, `15 Mar 1996`
dates, a blue ground with rosettes, the names' row pairs set closer) and
page-b / card-b (test) layouts, each with a visual zone that
prints the same surname, given names, number and dates as the MRZ (the
MRZ-trust work compares the two). The MRZ font, its size (the line spans
84-95 % of the page) and its weight (a stroke of 0-1 px) vary per item.
"""
import math

from PIL import Image, ImageDraw

from common import bold, check_digit as cd, font, iso, names, rdate, NATS, NATS_TEST

FORMATS = {"TD3": 44, "TD2": 36, "TD1": 30, "MRVA": 44, "MRVB": 36}
# (reader row in the bench, declared type) per format. The bench has no TD2 or
# visa kind of its own: both are declared a passport, an MRZ document.
READER = {"TD3": ("passport", "Passport"), "TD1": ("td1", "Passport Card"), "TD2": ("td2", "Passport"),
          "MRVA": ("mrv", "Passport"), "MRVB": ("mrv", "Passport")}
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def yymmdd(t):
    return f"{t[0] % 100:02d}{t[1]:02d}{t[2]:02d}"


def name_field(last, given, width):
    clean = lambda x: "".join(c if c.isalpha() else "<" for c in x.upper().replace("'", ""))
    return (clean(last) + "<<" + clean(given)).ljust(width, "<")[:width]


def person(rng, split):
    first_pool, last_pool, mid_pool = names(split)
    nats = NATS_TEST if split == "test" else NATS
    first, last = rng.choice(first_pool), rng.choice(last_pool)
    second = rng.choice(mid_pool)
    dob, exp = rdate(rng, 1945, 2006), rdate(rng, 2027, 2036)
    num = rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(8))
    return dict(first=first, second=second, last=last, dob=dob, exp=exp, sex=rng.choice("MF"), num=num,
                nat=rng.choice(nats))


def lines(rng, fmt, p):
    """The MRZ lines of person `p` in format `fmt`."""
    given = p["first"] + ("<" + p["second"] if p["second"] else "")
    b, e, num, nat, sex = yymmdd(p["dob"]), yymmdd(p["exp"]), p["num"], p["nat"], p["sex"]
    if fmt == "TD3":
        l1 = "P<" + nat + name_field(p["last"], given, 39)
        pn = "".join(rng.choice("0123456789") for _ in range(rng.choice([0, 0, 9])))
        pcd = cd(pn.ljust(14, "<")) if pn else rng.choice(["<", "0"])
        l2 = num + cd(num) + nat + b + cd(b) + sex + e + cd(e) + pn.ljust(14, "<") + pcd
        l2 += cd(l2[0:10] + l2[13:20] + l2[21:43])
        return [l1, l2]
    if fmt == "TD1":
        code = rng.choice(["I<", "ID", "C1", "AC"])
        l1 = (code + nat + num + cd(num)).ljust(30, "<")
        l2 = (b + cd(b) + sex + e + cd(e) + nat).ljust(29, "<")
        l2 += cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
        return [l1, l2, name_field(p["last"], given, 30)]
    if fmt == "TD2":
        l1 = rng.choice(["I<", "ID", "AC"]) + nat + name_field(p["last"], given, 31)
        l2 = num + cd(num) + nat + b + cd(b) + sex + e + cd(e) + "<<<<<<<"
        l2 += cd(l2[0:10] + l2[13:20] + l2[21:35])
        return [l1, l2]
    width = 44 if fmt == "MRVA" else 36
    l1 = "V<" + nat + name_field(p["last"], given, width - 5)
    l2 = (num + cd(num) + nat + b + cd(b) + sex + e + cd(e)).ljust(width, "<")
    return [l1, l2]


def expected(p, fmt):
    exp = {"first_name": p["first"], "last_name": p["last"], "date_of_birth": iso(*p["dob"]),
           "expiry_date": iso(*p["exp"]), "sex": p["sex"], "document_number": p["num"],
           "nationality": p["nat"]}
    if fmt in ("TD3", "TD1", "TD2"):
        exp["issuing_country"] = p["nat"]
    if p["second"]:
        exp["middle_name"] = p["second"]
    return exp


def page(rng, layout, mrz_font, face, mrz, viz):
    """A passport page (two-line formats) or a card back (TD1) with `mrz` lines in
    `mrz_font`; viz: dict surname, given, number, dob, exp ((y, m, d) or None), nat."""
    n = len(mrz[0])
    td1 = len(mrz) == 3
    W = 1500 if n == 44 else 1280
    H = int(W * (88 / 125 if not td1 else 54 / 85.6))
    test = layout in ("page-b", "card-b")
    guilloche = layout in ("page-c", "card-c")
    trilingual = layout in ("page-d", "card-d")
    base = rng.randint(215, 240)
    bgc = (base, base - 4, base - 12) if test else (base, base, base)
    if guilloche:
        bgc = (base - 12, base, base - 6)
    if trilingual:
        bgc = (base - 16, base - 6, base)
    img = Image.new("RGB", (W, H), bgc)
    d = ImageDraw.Draw(img)
    if test:
        for k in range(-H, W, 14):
            d.line([(k, 0), (k + H, H)], fill=(base - 10, base - 20, base - 6))
        for k in range(0, W, 14):
            d.line([(k, H), (k + H // 2, 0)], fill=(base - 6, base - 14, base - 20))
    elif trilingual:
        for _ in range(rng.randint(3, 6)):
            cx, cy, r = rng.uniform(0, W), rng.uniform(0, H), rng.uniform(H * 0.1, H * 0.3)
            for k in range(0, 360, 12):
                a = math.radians(k)
                d.ellipse([cx + r / 2 * math.cos(a) - r / 2, cy + r / 2 * math.sin(a) - r / 2,
                           cx + r / 2 * math.cos(a) + r / 2, cy + r / 2 * math.sin(a) + r / 2],
                          outline=(base - 40, base - 24, base - 8))
    elif guilloche:
        period, amp = rng.uniform(60, 140), rng.uniform(8, 24)
        for k in range(-40, H + 40, 11):
            pts = [(x, k + amp * math.sin(x / period * 2 * math.pi + k / 37)) for x in range(0, W + 8, 8)]
            d.line(pts, fill=(base - 30, base - 14, base - 22), width=1)
    else:
        for k in range(0, H, 9):
            d.line([(0, k), (W, k + 30)], fill=(base - 10,) * 3)
    small, big = font(face, H // 30), font(bold(face), H // 22)
    if test:
        fmt_date = lambda t: f"{t[2]:02d} {MONTHS[t[1] - 1]} {t[0] % 100:02d}"
    elif guilloche:
        fmt_date = lambda t: f"{t[2]:02d}.{t[1]:02d}.{t[0]:04d}"
    elif trilingual:
        fmt_date = lambda t: f"{t[2]:02d} {MONTHS[t[1] - 1].title()} {t[0]:04d}"
    else:
        fmt_date = lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"
    rows = [("Surname / Nom", "Surname"), ("Given names / Prénoms", "Given names"),
            ("Date of birth / Date de naissance", "Date of birth"),
            ("Date of expiry / Date d'expiration", "Date of expiry"), ("Document no. / No du document", "Document no.")]
    if trilingual:
        rows = [("Surname / Nom / Apellidos", ""), ("Given Names / Prénoms / Nombres", ""),
                ("Date of birth / Date de naissance / Fecha de nacimiento", ""),
                ("Date of expiration / Date d'expiration / Fecha de caducidad", ""),
                ("Passport No. / No du Passeport / No. de Pasaporte", "")]
    vals = [viz["surname"], viz["given"], viz.get("dob"), viz.get("exp"), viz["number"]]
    if test:
        photo = [W * 0.68, H * 0.1, W * 0.95, H * 0.6]
        x0 = int(W * 0.05)
    else:
        photo = [W * 0.04, H * 0.12, W * 0.3, H * 0.62]
        x0 = int(W * 0.34)
    d.rectangle(photo, fill=(150, 150, 150))
    y = int(H * 0.08)
    for (lt, ld), v in zip(rows, vals):
        if v is None:
            continue
        if isinstance(v, tuple):
            v = fmt_date(v)
        d.text((x0, y), lt if test or trilingual else ld, fill=(90, 60, 60) if test else (90,) * 3, font=small)
        d.text((x0, y + H // 28), v, fill=(20,) * 3, font=big)
        y += int(H * (rng.uniform(0.085, 0.1) if trilingual else 0.1))
    # The MRZ: the font is stretched to span the line's share of the width.
    span = rng.uniform(0.84, 0.95)
    size = 10
    while font(mrz_font, size + 1).getlength("<" * n) < W * span:
        size += 1
    f = font(mrz_font, size)
    weight = rng.choice([0, 0, 1]) if test or trilingual else rng.choice([0, 1, 1]) if guilloche else 0
    lead, bottom = rng.uniform(1.15, 1.45), int(H * rng.uniform(0.03, 0.07))
    lh = int(size * lead)
    top = H - bottom - lh * len(mrz)
    # A page-c card keeps its MRZ clear of the photo and the visual zone (a
    # narrow font stretched to the width grows tall).
    while guilloche and top < max(y, int(H * 0.64)) and size > 10:
        size -= 1
        f, lh = font(mrz_font, size), int(size * lead)
        top = H - bottom - lh * len(mrz)
    left = int((W - f.getlength("<" * n)) / 2)
    ink = rng.randint(5, 40)
    for k, line in enumerate(mrz):
        d.text((left, top + k * lh), line, fill=(ink,) * 3, font=f, stroke_width=weight, stroke_fill=(ink,) * 3)
    return img, dict(mrz_size=size, mrz_weight=weight)

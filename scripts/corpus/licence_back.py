"""Licence backs: a PDF417 symbol from one encoder placed on a card back in
one of several layouts, and the tight "scanner crop" of the symbol alone.

Layouts: back-a, back-b (dev); back-c, back-d (test). Symbol parameters
(columns, error correction, module size, row height) are drawn per split from
ranges in SYMBOL; the test ranges reach further (6-20 columns, 2-5 modules
per row) than the dev ones.
"""
from PIL import Image, ImageDraw

import pdf417
from common import bold, font

SYMBOL = {
    "dev": dict(columns=[10, 12, 13, 15, 17], ec=[2, 3, 4, 5], module=[2, 3, 4], row_h=[3, 4]),
    "test": dict(columns=[6, 8, 9, 11, 14, 18, 20], ec=[3, 4, 5, 6], module=[2, 3, 4, 5], row_h=[2, 3, 4, 5]),
}


def draw_symbol(rng, split, encoder, payload):
    s = SYMBOL[split]
    cols, ec, row_h = rng.choice(s["columns"]), rng.choice(s["ec"]), rng.choice(s["row_h"])
    sym = pdf417.symbol(encoder, payload, cols, ec, row_h)
    return sym, dict(columns=cols, ec=ec, row_h=row_h)


def crop(rng, sym):
    """What a scanner or a tight crop gives: 2-pixel modules, a 2-4 module margin."""
    big = pdf417.scaled(sym, 2)
    m = 2 * rng.randint(2, 4)
    out = Image.new("L", (big.width + 2 * m, big.height + 2 * m), 255)
    out.paste(big, (m, m))
    return out.convert("RGB")


def card(rng, layout, sym, face):
    module = rng.choice([2, 3, 4]) if layout in ("back-a", "back-b") else rng.choice([2, 3, 4, 5])
    big = pdf417.scaled(sym, module)
    W = int(big.width / rng.uniform(0.78, 0.9))
    if layout == "back-c":
        W = int((big.width + 170) / 0.92)
    H = int(W * 54 / 85.6)
    if big.height > H * 0.7:
        H = int(big.height / 0.7)
    small = font(face, max(14, H // 30))
    if layout == "back-a":
        bg = rng.randint(200, 235)
        img = Image.new("RGB", (W, H), (bg, bg, bg))
        d = ImageDraw.Draw(img)
        for k in range(0, W, 6):
            d.line([(k, 0), (k + 40, H)], fill=(bg - 12,) * 3)
        x, y = (W - big.width) // 2, max(10, H - big.height - int(H * 0.08))
        d.text((30, 20), "RESTRICTIONS: NONE   ENDORSEMENTS: NONE", fill=(60,) * 3, font=small)
    elif layout == "back-b":
        bg = rng.randint(215, 245)
        img = Image.new("RGB", (W, H), (bg, bg - 3, bg - 8))
        d = ImageDraw.Draw(img)
        x, y = (W - big.width) // 2, int(H * 0.06)
        ty = y + big.height + int(H * 0.05)
        for line in ["CLASS D  OPERATOR", "THIS CARD IS THE PROPERTY OF THE STATE", "DONOR: YES"]:
            d.text((int(W * 0.07), ty), line, fill=(50,) * 3, font=small)
            ty += small.size + 6
    elif layout == "back-c":
        # Tinted security print, a magnetic stripe band and a 1D code beside the symbol.
        base = rng.choice([(214, 228, 240), (238, 222, 226), (226, 236, 214), (240, 232, 210)])
        img = Image.new("RGB", (W, H + int(H * 0.18)), base)
        H2 = img.height
        d = ImageDraw.Draw(img)
        for k in range(0, H2, 5):
            amp = 6 + (k % 30) / 5
            pts = [(x, k + amp * ((x // 25) % 2)) for x in range(0, W + 25, 25)]
            d.line(pts, fill=tuple(max(0, c - 18) for c in base), width=1)
        d.rectangle([0, int(H2 * 0.05), W, int(H2 * 0.05) + int(H2 * 0.13)], fill=(25, 25, 28))
        x, y = int(W * 0.04), int(H2 * 0.24)
        bx = x + big.width + int(W * 0.02)
        for k in range(40):
            if rng.random() < 0.55:
                d.rectangle([bx + 3 * k, y, bx + 3 * k + rng.choice([1, 2]), y + big.height // 2], fill=(10, 10, 10))
        d.text((x, y + big.height + 10), "ORGAN DONOR   VETERAN   REAL ID COMPLIANT", fill=(70, 40, 40), font=small)
    else:  # back-d: the symbol on the left, a text column on the right, a dark frame
        img = Image.new("RGB", (int(W * 1.25), H), (246, 246, 240))
        d = ImageDraw.Draw(img)
        d.rectangle([4, 4, img.width - 5, H - 5], outline=(90, 90, 120), width=6)
        x, y = int(W * 0.05), (H - big.height) // 2
        tx = x + big.width + int(W * 0.04)
        f = font(bold(face), max(14, H // 26))
        for k, line in enumerate(["ENDORSEMENTS", "NONE", "RESTRICTIONS", "B - CORR LENS", "CLASS", "C"]):
            d.text((tx, int(H * 0.15) + k * (f.size + 10)), line, fill=(30, 30, 60), font=f)
    img.paste(Image.merge("RGB", [big] * 3), (x, y))
    return img

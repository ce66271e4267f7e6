"""Camera effects: a flat document image photographed on a table (or off a
screen). One code path for both splits; the parameters differ per split and
variant (PARAMS), and the test split gets ranges the dev split never uses:
rotation 8-12 deg, perspective up to 20 %, motion blur over 7 px, JPEG down to
40, three glare spots, strong vignetting. The dev shake and screen variants
(page-c MRZ sources) are milder takes on the test's motion and screen shots.
"""
import io
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

# Per split and variant. rot: |angle| range in degrees; persp: corner jitter as a
# share of the side; blur: Gaussian sigma at 4000 px width; motion: streak length
# in px at 4000 px width (0 = none); jpeg: quality range; noise: sigma; light: depth
# of the light gradient; glare: (spots, strength); shadow: darkness of a cast
# shadow (0 = none); vignette: corner darkening; fill: the document's share of the frame.
PARAMS = {
    "dev": {
        "photo": dict(rot=(0, 5), persp=0.04, blur=(0.8, 1.6), motion=0, jpeg=(82, 90), noise=4,
                      light=0.12, glare=(1, 110), shadow=0, vignette=0, fill=(0.55, 0.75)),
        "hard": dict(rot=(4, 9), persp=0.08, blur=(1.8, 2.8), motion=0, jpeg=(55, 65), noise=9,
                     light=0.25, glare=(1, 170), shadow=0.25, vignette=0, fill=(0.45, 0.7)),
        # A handheld shot: some motion, a hand's shadow, a dim corner; milder than
        # the test split's photo and hard ranges.
        "shake": dict(rot=(1, 6), persp=0.07, blur=(0.6, 1.2), motion=(2, 7), jpeg=(65, 88), noise=5,
                      light=0.2, glare=(2, 70), shadow=0.2, vignette=0.1, fill=(0.55, 0.8)),
        "screen": dict(rot=(0, 3), persp=0.05, blur=(0.6, 1.2), motion=0, jpeg=(75, 90), noise=4,
                       light=0.08, glare=(1, 50), shadow=0, vignette=0.1, fill=(0.65, 0.85)),
        # A phone held at an angle over the table: the perspective range
        # (up to 20 %) that no other dev camera reached, with the shadow and
        # glare such a pose brings. Pipeline corpus only (added in its seventh round).
        "tilt": dict(rot=(2, 10), persp=0.16, blur=(0.8, 1.6), motion=(0, 4), jpeg=(60, 90), noise=6,
                     light=0.2, glare=(2, 100), shadow=0.35, vignette=0.15, fill=(0.5, 0.75)),
    },
    "test": {
        "photo": dict(rot=(0, 8), persp=0.10, blur=(0.6, 1.8), motion=(0, 6), jpeg=(70, 95), noise=5,
                      light=0.15, glare=(2, 90), shadow=0.3, vignette=0.15, fill=(0.5, 0.75)),
        "hard": dict(rot=(8, 12), persp=0.20, blur=(1.2, 2.4), motion=(6, 14), jpeg=(40, 60), noise=10,
                     light=0.3, glare=(3, 150), shadow=0.45, vignette=0.3, fill=(0.4, 0.6)),
        "screen": dict(rot=(0, 4), persp=0.06, blur=(0.8, 1.4), motion=0, jpeg=(70, 85), noise=6,
                       light=0.1, glare=(1, 60), shadow=0, vignette=0.2, fill=(0.6, 0.8)),
    },
}


def perspective_coeffs(src, dst):
    a = []
    for (x, y), (u, v) in zip(dst, src):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    b = np.array(src).reshape(8)
    return np.linalg.solve(np.array(a, dtype=float), b).tolist()


def screen(img, rng):
    """The document shown on an LCD: each pixel becomes an RGB stripe triple
    with a dark gap (the pixel grid), in a bluish white point; photographing
    it at a slight angle then aliases the grid into moire."""
    src = np.asarray(img.convert("RGB")).astype(np.float32)
    h, w, _ = src.shape
    k = 3
    big = np.repeat(np.repeat(src, k, axis=0), k, axis=1)
    # Sub-pixel stripes and the gap between pixel rows, at a modest contrast:
    # enough to alias into moire bands, not enough to hide the text.
    mask = np.full((k, k, 3), 0.62, np.float32)
    for c in range(3):
        mask[: k - 1, c, c] = 1.0
    mask[k - 1, :, :] = 0.7
    mask = np.tile(mask, (h, w, 1)) * 1.25
    tint = np.array([0.92, 0.97, 1.05], np.float32) * rng.uniform(0.8, 1.0)
    out = np.clip(big * mask * tint, 0, 255).astype(np.uint8)
    return Image.fromarray(out)


def _motion(arr, length, angle):
    """Average `length` copies shifted along `angle` (a straight hand-shake streak)."""
    if length < 2:
        return arr
    acc = np.zeros_like(arr)
    for t in range(length):
        d = t - (length - 1) / 2
        dx, dy = int(round(d * math.cos(angle))), int(round(d * math.sin(angle)))
        acc += np.roll(np.roll(arr, dy, axis=0), dx, axis=1)
    return acc / length


def photograph(rng, img, split, variant, frame):
    """`img` (RGB) photographed into a `frame` (W, H) picture; returns an RGB image."""
    p = PARAMS[split][variant]
    FW, FH = frame
    if img.height > img.width:
        FW, FH = FH, FW
    if variant == "screen":
        img = screen(img, rng)
    fill = rng.uniform(*p["fill"])
    s = min(FW * fill / img.width, FH * fill / img.height)
    w, h = img.width * s, img.height * s
    cx = FW / 2 + rng.uniform(-0.06, 0.06) * FW
    cy = FH / 2 + rng.uniform(-0.06, 0.06) * FH
    ang = math.radians(rng.choice([-1, 1]) * rng.uniform(*p["rot"]))
    corners = []
    # Perspective as a camera tilt: one side shorter than the other, plus jitter.
    tilt_x = rng.uniform(-p["persp"], p["persp"])
    tilt_y = rng.uniform(-p["persp"], p["persp"]) / 2
    for (dx, dy) in [(-1, -1), (1, -1), (1, 1), (-1, 1)]:
        x, y = dx * w / 2, dy * h / 2
        x *= 1 + tilt_y * dy
        y *= 1 + tilt_x * dx
        x += rng.uniform(-p["persp"], p["persp"]) * w / 4
        y += rng.uniform(-p["persp"], p["persp"]) * h / 4
        corners.append((cx + x * math.cos(ang) - y * math.sin(ang), cy + x * math.sin(ang) + y * math.cos(ang)))
    src = [(0, 0), (img.width, 0), (img.width, img.height), (0, img.height)]
    coeffs = perspective_coeffs(src, corners)
    bgv = rng.randint(40, 120)
    tone = (bgv, max(0, bgv - rng.randint(0, 15)), max(0, bgv - rng.randint(5, 25)))
    bg = Image.new("RGB", (FW, FH), tone)
    # The screen's pixel grid must alias, so it is resampled without smoothing.
    resample = Image.NEAREST if variant == "screen" else Image.BICUBIC
    warped = img.transform((FW, FH), Image.PERSPECTIVE, coeffs, resample)
    mask = Image.new("L", img.size, 255).transform((FW, FH), Image.PERSPECTIVE, coeffs, Image.BILINEAR)
    bg.paste(warped, (0, 0), mask)
    nrng = np.random.default_rng(rng.randint(0, 1 << 30))
    arr = np.asarray(bg).astype(np.float32)
    yy, xx = np.mgrid[0:FH, 0:FW].astype(np.float32)
    # Uneven light: a gradient from one side.
    lx = rng.uniform(-1, 1)
    light = 1.0 - p["light"] * rng.uniform(0.5, 1.0) * ((xx / FW) if lx > 0 else (1 - xx / FW))
    if p["vignette"]:
        r2 = ((xx - FW / 2) / (FW / 2)) ** 2 + ((yy - FH / 2) / (FH / 2)) ** 2
        light *= 1.0 - p["vignette"] * np.clip(r2 / 2, 0, 1)
    arr *= light[..., None]
    if p["shadow"]:
        # A cast shadow (hand or phone): a soft dark polygon from one edge.
        sh = Image.new("L", (FW, FH), 0)
        d = ImageDraw.Draw(sh)
        x0 = rng.uniform(0.2, 0.8) * FW
        d.polygon([(x0, 0), (x0 + rng.uniform(0.1, 0.4) * FW, 0),
                   (x0 + rng.uniform(-0.1, 0.5) * FW, FH), (x0 - rng.uniform(0.0, 0.3) * FW, FH)], fill=255)
        sh = sh.filter(ImageFilter.GaussianBlur(FW / 60))
        arr *= (1.0 - p["shadow"] * np.asarray(sh, np.float32) / 255)[..., None]
    spots, strength = p["glare"]
    for _ in range(rng.randint(1, spots)):
        gx, gy = rng.uniform(0.25, 0.75) * FW, rng.uniform(0.25, 0.75) * FH
        gr = rng.uniform(0.03, 0.08) * FW
        g = np.exp(-(((xx - gx) / gr) ** 2 + ((yy - gy) / (gr * rng.uniform(0.4, 0.9))) ** 2))
        arr += strength * rng.uniform(0.6, 1.0) * g[..., None]
    del xx, yy
    scale = FW / 4000
    if p["motion"]:
        length = int(round(rng.uniform(*p["motion"]) * scale * 2))
        arr = _motion(arr, length, rng.uniform(0, math.pi))
    arr += nrng.normal(0, p["noise"], arr.shape).astype(np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    sigma = rng.uniform(*p["blur"]) * scale * 2
    return out.filter(ImageFilter.GaussianBlur(sigma))


def jpeg_bytes(img, rng, split, variant):
    q = rng.randint(*PARAMS[split][variant]["jpeg"])
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=q)
    return buf.getvalue(), q

"""PDF417 symbols from three independent encoders, as 1-pixel-per-module
greyscale images without quiet zone (the caller scales and places them):

- pdf417gen (PyPI, Python; dev split),
- zint (Debian, C; dev split),
- bwip-js (npm, a JavaScript port of BWIPP, the PostScript barcode writer),
  installed by scripts/install-ocr into scripts/corpus/node_modules; no longer
  in the test split: the PDF417 reader's committed fixtures were tuned on it,
- zxing-cpp's writer (PyPI, C++; test split): an encoder nobody tuned on.

Each takes the payload as bytes (latin-1), a number of data columns, an
error-correction level and a row height in modules.
"""
import io
import json
import os
import subprocess
import tempfile

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
BWIP_JS = os.path.join(HERE, "bwip_render.js")


def _pdf417gen(payload, columns, ec, row_h):
    from pdf417gen import encode, render_image
    codes = encode(payload, columns=columns, security_level=ec)
    return render_image(codes, scale=1, ratio=row_h, padding=0).convert("L")


def _zint(payload, columns, ec, row_h):
    with tempfile.TemporaryDirectory() as d:
        src, out = os.path.join(d, "in.bin"), os.path.join(d, "out.png")
        with open(src, "wb") as f:
            f.write(payload.encode("latin-1"))
        subprocess.run(["zint", "-b", "PDF417", "--binary", f"--cols={columns}", f"--secure={ec}",
                        "--scale=0.5", f"--height={row_h}", "--heightperrow", "-i", src, "-o", out],
                       check=True, capture_output=True)
        with Image.open(out) as im:
            return im.convert("L")


def _bwipjs(payload, columns, ec, row_h):
    if not os.path.exists(os.path.join(HERE, "node_modules", "bwip-js")):
        raise FileNotFoundError("bwip-js missing: run scripts/install-ocr --bench")
    req = json.dumps({"text": payload, "columns": columns, "eclevel": ec, "rowmult": row_h})
    png = subprocess.run(["node", BWIP_JS], input=req.encode(), check=True, capture_output=True).stdout
    with Image.open(io.BytesIO(png)) as im:
        return im.convert("L")


def _zxingcpp(payload, columns, ec, row_h):
    import json as _json
    import zxingcpp
    # zxing-cpp picks its own row height (another encoder habit); columns and
    # EC level are honoured.
    bc = zxingcpp.create_barcode(payload.encode("latin-1"), zxingcpp.BarcodeFormat.PDF417,
                                 options=_json.dumps({"ecLevel": ec, "columns": columns}))
    import numpy as np
    return Image.fromarray(np.array(bc.to_image(scale=1, add_quiet_zones=False))).convert("L")


ENCODERS = {"pdf417gen": _pdf417gen, "zint": _zint, "bwip-js": _bwipjs, "zxing-cpp": _zxingcpp}


def symbol(encoder, payload, columns, ec, row_h):
    """The symbol at one pixel per module, black on white, no quiet zone."""
    img = ENCODERS[encoder](payload, columns, ec, row_h)
    # Trim whatever margin an encoder adds, so every encoder is placed alike.
    bbox = Image.eval(img, lambda v: 255 - v).getbbox()
    return img.crop(bbox) if bbox else img


def scaled(img, module_px):
    return img.resize((img.width * module_px, img.height * module_px), Image.NEAREST)

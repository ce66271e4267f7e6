"""The corpus driver behind scripts/gen-extract-corpus: every source of
sources.json in the requested split, `count` items each (public sources: all
their items), every variant of the source per item; writes the files and
expected.json (one entry per file).

Entry fields: file, reader, variant, type, expected (what tests/corpus.rs and
bench/extract/run score), source, split, kind, meta (layout, encoder, fonts,
symbol parameters, JPEG quality); licence backs also carry payload and
version, MRZ pages mrz.
"""
import json
import os
import sys
from multiprocessing import Pool

import address
import aamva
import camera
import licence_back
import licence_front
import mrz
from common import CA, US, names, places, rdate, rng_for

HERE = os.path.dirname(os.path.abspath(__file__))

# Frame sizes of the photographed variants: (default, --full). The test split
# mixes sizes, down to 2 MP and up to 12 MP with --full; licence "crop" items
# are the 500-900 px scanner crops.
FRAMES = {
    "dev": {"photo": ([(2000, 1500)], [(4000, 3000)]), "hard": ([(2000, 1500)], [(4000, 3000)]),
            "shake": ([(1800, 1350), (2400, 1800)], [(2400, 1800), (3600, 2700)]),
            "screen": ([(2400, 1800)], [(3200, 2400)])},
    "test": {"photo": ([(1600, 1200), (2000, 1500)], [(2000, 1500), (3000, 2250), (4000, 3000)]),
             "hard": ([(2000, 1500)], [(4000, 3000)]),
             "screen": ([(2000, 1500)], [(3000, 2250)])},
}


def load_sources():
    with open(os.path.join(HERE, "sources.json")) as f:
        sources = json.load(f)["sources"]
    shared = split_overlap(sources)
    if shared:
        sys.exit(f"sources.json: the test split shares {sorted(shared)} with dev")
    return sources


def source_parts(src):
    """The encoder, fonts and layouts a source draws with, as (kind, name)."""
    parts = {("encoder", src["encoder"].split(" ")[0])} if src.get("encoder") else set()
    if src.get("font"):
        parts.add(("font", src["font"]))
    for key, kind in (("fonts", "font"), ("mrz_fonts", "font"), ("layouts", "layout")):
        parts.update((kind, v) for v in src.get(key, []))
    return parts


def split_overlap(sources):
    """What any test source draws with that a dev source draws with too: the
    split is by source, so this must be empty (scripts/corpus/README.md)."""
    dev = set().union(*(source_parts(s) for s in sources if s["split"] == "dev"))
    return set().union(*(source_parts(s) & dev for s in sources if s["split"] == "test"))


def item_count(src, count):
    return src.get("fixed_count", count)


# ------------------------------------------------------------ per kind ----
def make_licence_back(src, i, seed):
    rng = rng_for(seed, src["id"], i)
    split = src["split"]
    if src["generator"].startswith("aamva.public"):
        payload, exp, version, it = aamva.public(i)
        extra = {"public_id": it["id"], "public_source": it["source"]}
    else:
        payload, exp, version = aamva.synthetic(rng, i, split)
        extra = {}
    encoder = src["encoder"].split(" ")[0]
    sym, sp = licence_back.draw_symbol(rng, split, encoder, payload)
    layout = src["layouts"][i % len(src["layouts"])]
    face = src["fonts"][i % len(src["fonts"])]
    card = licence_back.card(rng, layout, sym, face)
    images = {"clean": card, "crop": licence_back.crop(rng, sym)}
    meta = dict(layout=layout, encoder=encoder, font=face, symbol=sp, **extra)
    return images, "Driver License", exp, meta, {"payload": payload, "version": version}


def make_mrz(src, i, seed):
    rng = rng_for(seed, src["id"], i)
    split = src["split"]
    face = src["fonts"][i % len(src["fonts"])]
    layout = src["layouts"][i % len(src["layouts"])]
    if src["kind"] == "mrz_public":
        with open(os.path.join(HERE, "data", "public_mrz.json")) as f:
            items = json.load(f)["mrz"]
        # The ICAO 9303 specimens are in the reader's unit tests and fixtures
        # (tuned on): they form a dev source of their own, never test.
        icao = src.get("public_items") == "icao"
        items = [it for it in items if it["id"].startswith("icao-") == icao]
        it = items[i % len(items)]
        fmt, lines, exp = it["format"], it["lines"], it["expected"]
        mrz_font = src["mrz_fonts"][i % len(src["mrz_fonts"])]
        v = it["viz"]
        viz = dict(surname=v["surname"], given=v["given"], number=exp["document_number"],
                   dob=tuple(int(x) for x in exp["date_of_birth"].split("-")),
                   exp=tuple(int(x) for x in exp["expiry_date"].split("-")) if "expiry_date" in exp else None)
        extra = {"public_id": it["id"], "public_source": it["source"]}
    else:
        fmt = src["formats"][i % len(src["formats"])]
        p = mrz.person(rng, split)
        lines = mrz.lines(rng, fmt, p)
        exp = mrz.expected(p, fmt)
        mrz_font = src["font"]
        viz = dict(surname=p["last"], given=(p["first"] + " " + p["second"]).strip(), number=p["num"],
                   dob=p["dob"], exp=p["exp"])
        extra = {}
    if fmt == "TD1":
        layout = {"page-b": "card-b", "page-c": "card-c"}.get(layout, "card-a")
    img, m = mrz.page(rng, layout, mrz_font, face, lines, viz)
    reader, dtype = mrz.READER[fmt]
    meta = dict(layout=layout, font=face, mrz_font=mrz_font, format=fmt, **m, **extra)
    return {"clean": img}, dtype, exp, meta, {"mrz": lines, "reader": reader}


def make_front(src, i, seed):
    rng = rng_for(seed, src["id"], i)
    split = src["split"]
    first_pool, last_pool, mid_pool = names(split)
    streets, cities = places(split)
    iss = rdate(rng, 2019, 2025)
    st = rng.choice(US)[1]
    p = dict(first=rng.choice(first_pool), middle=rng.choice(mid_pool), last=rng.choice(last_pool),
             dob=rdate(rng, 1945, 2005), iss=iss, exp=(iss[0] + rng.randint(4, 8), iss[1], iss[2]),
             num=rng.choice(["D", "S", "", "A"]) + "".join(rng.choice("0123456789") for _ in range(8)),
             street=rng.choice(streets), city=rng.choice(cities), st=st, zip=f"{rng.randint(10000, 99999)}",
             sex=rng.choice("MF"))
    layout = src["layouts"][i % len(src["layouts"])]
    face = src["fonts"][i % len(src["fonts"])]
    img = licence_front.front(rng, layout, face, p)
    return {"clean": img}, "Driver License", licence_front.expected(p), dict(layout=layout, font=face), {}


def make_address(src, i, seed, out_dir, stem):
    rng = rng_for(seed, src["id"], i)
    layout = src["layouts"][i % len(src["layouts"])]
    face = src["fonts"][i % len(src["fonts"])]
    kind, blocks, exp = address.document(rng, layout, src["split"])
    pdf_name = f"{stem}-text.pdf"
    address.pdf(blocks, os.path.join(out_dir, pdf_name), src["pdf_font"])
    img = address.image(blocks, face, layout)
    return {"clean": img, "pdf_text": pdf_name}, kind, exp, dict(layout=layout, font=face, pdf_font=src["pdf_font"]), {}


# ------------------------------------------------------------- driver ----
def build_item(job):
    src, i, seed, out_dir, full = job
    stem = f"{src['id']}-{i:03d}"
    kind = src["kind"]
    if kind == "licence_back":
        images, dtype, exp, meta, extra = make_licence_back(src, i, seed)
    elif kind in ("mrz", "mrz_public"):
        images, dtype, exp, meta, extra = make_mrz(src, i, seed)
    elif kind == "licence_front":
        images, dtype, exp, meta, extra = make_front(src, i, seed)
    else:
        images, dtype, exp, meta, extra = make_address(src, i, seed, out_dir, stem)
    reader = extra.pop("reader", src["reader"])
    entries = []
    for variant in src["variants"]:
        vr = rng_for(seed, src["id"], i, variant)
        vmeta = dict(meta)
        if variant == "pdf_text":
            name = images["pdf_text"]
        elif variant in ("clean", "crop"):
            name = f"{stem}-{variant}.png"
            images[variant].save(os.path.join(out_dir, name), optimize=False)
        else:
            sizes = FRAMES[src["split"]][variant][1 if full else 0]
            frame = sizes[i % len(sizes)]
            shot = camera.photograph(vr, images["clean"], src["split"], variant, frame)
            data, q = camera.jpeg_bytes(shot, vr, src["split"], variant)
            name = f"{stem}-{variant}.jpg"
            with open(os.path.join(out_dir, name), "wb") as f:
                f.write(data)
            vmeta.update(jpeg=q, frame=list(frame))
        entries.append({"file": name, "reader": reader, "variant": variant, "type": dtype, "expected": exp,
                        "source": src["id"], "split": src["split"], "kind": kind, "meta": vmeta, **extra})
    return entries


def build(out_dir, split, count, seed, full, only=(), jobs=1, variant=""):
    os.makedirs(out_dir, exist_ok=True)
    jobs_list = []
    for src in load_sources():
        if split != "all" and src["split"] != split:
            continue
        if only and src["id"] not in only and src["reader"] not in only and src["kind"] not in only:
            continue
        if variant:
            # Each variant draws from its own generator (rng_for), so the
            # files are those of the full draw.
            if variant not in src["variants"]:
                continue
            src = dict(src, variants=[variant])
        for i in range(item_count(src, count)):
            jobs_list.append((src, i, seed, out_dir, full))
    if jobs > 1:
        with Pool(jobs) as pool:
            results = pool.map(build_item, jobs_list, chunksize=1)
    else:
        results = [build_item(j) for j in jobs_list]
    manifest = [e for r in results for e in r]
    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    return manifest

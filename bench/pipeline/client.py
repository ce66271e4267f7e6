#!/usr/bin/env python3
"""HTTP driver for bench/pipeline/run (Python standard library only).

  client.py accuracy BASE_URL TOKEN CORPUS_DIR OUT_JSON
      every case of CORPUS_DIR/cases.json: create, upload (multipart), submit;
      then wait for every decision; print the confusion matrix, overall and
      per-category accuracy, per-rule accuracy and the mismatching cases.
  client.py speed BASE_URL TOKEN CORPUS_DIR N OUT_JSON
      N verifications from CORPUS_DIR/speed.json, one at a time: create and
      upload, then time submit -> decision (polling every 20 ms); also the
      server's own Submitted -> decided interval from the history.
  client.py load BASE_URL TOKEN CORPUS_DIR N
      N speed verifications created and uploaded, then all submitted at once;
      returns when every one is decided (for peak RSS with several workers).
"""
import json, os, statistics, sys, time, urllib.error, urllib.request, uuid
from datetime import datetime

FLOW = "/api/v1/usps1583/verifications"
DECIDED = {"Approved", "Rejected", "Double Check"}
WAIT_S = float(os.environ.get("BENCH_DECISION_TIMEOUT", "900"))


class Api:
    def __init__(self, base, token):
        self.base, self.token = base.rstrip("/"), token

    def call(self, method, path, body=None, content_type="application/json"):
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", f"Bearer {self.token}")
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", content_type)
        for attempt in range(30):
            try:
                with urllib.request.urlopen(req, timeout=120) as r:
                    return r.status, json.loads(r.read() or b"null")
            except urllib.error.HTTPError as e:
                raw = e.read()
                # The API's rate limit: polling a few hundred verifications
                # meets it; wait as it says, as an integrator would.
                if e.code == 429 and attempt < 29:
                    time.sleep(float(e.headers.get("Retry-After") or 1))
                    continue
                try:
                    return e.code, json.loads(raw)
                except ValueError:
                    return e.code, raw.decode(errors="replace")

    def must(self, method, path, body=None, content_type="application/json", ok=(200, 201)):
        status, got = self.call(method, path, body, content_type)
        if status not in ok:
            raise RuntimeError(f"{method} {path}: HTTP {status}: {str(got)[:400]}")
        return got

    def upload(self, vid, slot, files, corpus):
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="slot"\r\n\r\n{slot}\r\n'.encode()]
        for side in ("front", "back"):
            if side not in files:
                continue
            name = files[side]
            with open(os.path.join(corpus, name), "rb") as f:
                data = f.read()
            parts.append((f'--{boundary}\r\nContent-Disposition: form-data; name="{side}"; '
                          f'filename="{os.path.basename(name)}"\r\n'
                          'Content-Type: application/octet-stream\r\n\r\n').encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.must("POST", f"{FLOW}/{vid}/documents", b"".join(parts),
                         f"multipart/form-data; boundary={boundary}")

    def prepare(self, case, corpus):
        """Create the verification and upload its documents; returns its id."""
        vid = self.must("POST", FLOW, case["body"])["data"]["id"]
        for slot in ("photo_id", "proof_of_address"):
            self.upload(vid, slot, case["files"][slot], corpus)
        return vid

    def get(self, vid):
        return self.must("GET", f"{FLOW}/{vid}")["data"]

    def submit(self, vid):
        self.must("PUT", f"{FLOW}/{vid}/submit", {})


def ts(s):
    return datetime.strptime(s.replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()


def server_seconds(v):
    """Submitted -> decided, from the history's own timestamps."""
    sub = dec = None
    for h in v.get("history") or []:
        if h.get("to_status") == "Submitted":
            sub = ts(h["created_at"])
        if h.get("from_status") == "Submitted" and h.get("to_status") in DECIDED:
            dec = ts(h["created_at"])
    return dec - sub if sub is not None and dec is not None else None


def wait_all(api, ids, poll=0.25):
    pending, out, t0 = set(ids), {}, time.time()
    while pending and time.time() - t0 < WAIT_S:
        for vid in sorted(pending):
            v = api.get(vid)
            if v["status_label"] in DECIDED:
                out[vid] = v
                pending.discard(vid)
        if pending:
            time.sleep(poll)
    for vid in pending:
        out[vid] = api.get(vid)
    return out


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


# ------------------------------------------------------------- accuracy ----
def rules_of(v, slot):
    for d in v.get("documents") or []:
        if d.get("slot") == slot:
            return {r["name"]: r for r in (d.get("rules") or [])}
    return {}


def print_per_split(cases, got, ids):
    """Genuine cases (expected Approved) and mismatches (expected Rejected or
    Double Check) per corpus split (scripts/corpus: dev and test sources):
    what was decided, and how many were approved wrongly."""
    labels = ["Approved", "Rejected", "Double Check"]
    rows = {}
    for c in cases:
        decided = got[ids[c["id"]]]["status_label"]
        group = "genuine" if c["expected"]["decision"] == "Approved" else "mismatch"
        r = rows.setdefault((c.get("split", "dev"), group), {d: 0 for d in labels + ["other"]})
        r[decided if decided in labels else "other"] += 1
    print("\nper split (genuine: expected Approved; mismatch: expected Rejected or Double Check)")
    print(f"  {'split':6} {'cases':9} {'n':>4} " + "".join(f"{d:>14}" for d in labels + ["other"])
          + f"{'wrong appr.':>13}")
    for (split, group), r in sorted(rows.items()):
        n = sum(r.values())
        wrong = r["Approved"] if group == "mismatch" else 0
        print(f"  {split:6} {group:9} {n:>4} " + "".join(f"{r[d]:>14}" for d in labels + ["other"])
              + f"{wrong:>13}")


def accuracy(base, token, corpus, out_json):
    api = Api(base, token)
    cases = json.load(open(os.path.join(corpus, "cases.json")))
    ids = {}
    t0 = time.time()
    for n, c in enumerate(cases):
        vid = api.prepare(c, corpus)
        api.submit(vid)
        ids[c["id"]] = vid
        if n % 25 == 24:
            print(f"bench: {n + 1}/{len(cases)} submitted", file=sys.stderr)
    got = wait_all(api, list(ids.values()))
    print(f"bench: {len(cases)} verifications decided in {time.time() - t0:.0f} s", file=sys.stderr)

    labels = ["Approved", "Rejected", "Double Check"]
    matrix = {e: {d: 0 for d in labels + ["other"]} for e in labels}
    per_cat, per_rule, mismatches, records = {}, {}, [], []
    for c in cases:
        v = got[ids[c["id"]]]
        want, decided = c["expected"]["decision"], v["status_label"]
        matrix[want][decided if decided in labels else "other"] += 1
        cat = per_cat.setdefault(c["category"], [0, 0])
        cat[0] += decided == want
        cat[1] += 1
        diffs = []
        for slot, rules in c["expected"]["rules"].items():
            actual = rules_of(v, "photo_id" if slot == "across" else slot)
            for name, status in rules.items():
                r = actual.get(name)
                have = r["status"] if r else "absent"
                s = per_rule.setdefault(name, {"n": 0, "ok": 0, "wrong": {}})
                s["n"] += 1
                if have == status:
                    s["ok"] += 1
                else:
                    key = f"{status}->{have}"
                    s["wrong"][key] = s["wrong"].get(key, 0) + 1
                    diffs.append(f"{slot}.{name} {status}->{have}" + (f" ({r['message']})" if r else ""))
        if decided != want or diffs:
            unlabelled = []
            if decided != want:
                for slot in ("photo_id", "proof_of_address"):
                    labelled = c["expected"]["rules"].get(slot, {})
                    across = c["expected"]["rules"].get("across", {})
                    for name, r in rules_of(v, slot).items():
                        if name not in labelled and name not in across and r["status"] != "passed":
                            unlabelled.append(f"{slot}.{name} {r['status']} ({r['message']})")
            mismatches.append((c, decided, diffs, sorted(set(unlabelled))))
        records.append({"id": c["id"], "verification": ids[c["id"]], "expected": want, "decided": decided,
                        "rule_diffs": diffs,
                        "documents": [{"slot": d.get("slot"), "extracted_data": d.get("extracted_data"),
                                       "rules": d.get("rules")} for d in v.get("documents") or []]})
    with open(out_json, "w") as f:
        json.dump(records, f, indent=1, ensure_ascii=False)

    total = len(cases)
    right = sum(matrix[e][e] for e in labels)
    print(f"\n== Accuracy: {total} labelled verifications (corpus {corpus})\n")
    print("confusion matrix (rows: expected, columns: decided)")
    print(f"{'':14}" + "".join(f"{d:>14}" for d in labels + ["other"]) + f"{'total':>8}")
    for e in labels:
        row = matrix[e]
        print(f"{e:14}" + "".join(f"{row[d]:>14}" for d in labels + ["other"]) + f"{sum(row.values()):>8}")
    print(f"\noverall decision accuracy: {right}/{total} = {right / total:.1%}")
    print_per_split(cases, got, ids)
    rejected_wrongly = sum(matrix[e]["Rejected"] for e in labels if e != "Rejected")
    approved_wrongly = sum(matrix[e]["Approved"] for e in labels if e != "Approved")
    print(f"wrongly approved: {approved_wrongly}; wrongly rejected: {rejected_wrongly}")
    print("\nper category (decision right / cases)")
    for cat, (ok, n) in sorted(per_cat.items()):
        print(f"  {cat:26} {ok:>3}/{n:<3} {ok / n:>6.0%}")
    print("\nper rule (expected rule status vs stored rule status)")
    print(f"  {'rule':32} {'n':>4} {'right':>6} {'acc':>7}  differences (expected->stored: count)")
    for name, s in sorted(per_rule.items()):
        wrong = ", ".join(f"{k}: {n}" for k, n in sorted(s["wrong"].items()))
        print(f"  {name:32} {s['n']:>4} {s['ok']:>6} {s['ok'] / s['n']:>7.1%}  {wrong}")
    print(f"\nmismatching cases ({len(mismatches)}; decision or a labelled rule differs)")
    for c, decided, diffs, unlabelled in mismatches:
        want = c["expected"]["decision"]
        head = f"{want} -> {decided}" if decided != want else f"{want} (right)"
        print(f"  {c['id']}: {head} — {c['note']}")
        for d in diffs:
            print(f"      {d}")
        for u in unlabelled:
            print(f"      (unlabelled) {u}")
    print()
    return 0


# ---------------------------------------------------------------- speed ----
def speed(base, token, corpus, n, out_json):
    api = Api(base, token)
    sets = json.load(open(os.path.join(corpus, "speed.json")))
    client, server, results = [], [], []
    for i in range(n):
        c = sets[i % len(sets)]
        vid = api.prepare(c, corpus)
        t0 = time.perf_counter()
        api.submit(vid)
        while True:
            v = api.get(vid)
            if v["status_label"] in DECIDED:
                break
            if time.perf_counter() - t0 > WAIT_S:
                raise RuntimeError(f"{vid} not decided after {WAIT_S} s")
            time.sleep(0.02)
        dt = time.perf_counter() - t0
        client.append(dt)
        srv = server_seconds(v)
        if srv is not None:
            server.append(srv)
        results.append({"verification": vid, "set": c["id"], "decided": v["status_label"], "client_s": dt,
                        "server_s": srv})
        print(f"bench: speed {i + 1}/{n}: {dt:.2f} s ({v['status_label']})", file=sys.stderr)
    summary = {"n": n, "p50_s": pct(client, 50), "p95_s": pct(client, 95), "max_s": max(client),
               "server_p50_s": pct(server, 50), "server_p95_s": pct(server, 95),
               "decisions": {d: sum(r["decided"] == d for r in results) for d in DECIDED}, "runs": results}
    with open(out_json, "w") as f:
        json.dump(summary, f, indent=1)
    return 0


def load(base, token, corpus, n):
    api = Api(base, token)
    sets = json.load(open(os.path.join(corpus, "speed.json")))
    ids = [api.prepare(sets[i % len(sets)], corpus) for i in range(n)]
    t0 = time.perf_counter()
    for vid in ids:
        api.submit(vid)
    got = wait_all(api, ids, poll=0.1)
    dt = time.perf_counter() - t0
    undecided = sum(v["status_label"] not in DECIDED for v in got.values())
    print(json.dumps({"n": n, "seconds": dt, "undecided": undecided}))
    return 0


def main():
    a = sys.argv[1:]
    if a[:1] == ["accuracy"] and len(a) == 5:
        return accuracy(*a[1:])
    if a[:1] == ["speed"] and len(a) == 6:
        return speed(a[1], a[2], a[3], int(a[4]), a[5])
    if a[:1] == ["load"] and len(a) == 5:
        return load(a[1], a[2], a[3], int(a[4]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

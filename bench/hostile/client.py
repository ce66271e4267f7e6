"""The bench/hostile/run client: busy verifications, then parallel uploads.
Prints JSON: upload status counts, seconds of the last parallel batch, and the
decisions of the busy verifications (waited for up to 10 minutes)."""
import collections
import json
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from importlib.machinery import SourceFileLoader

base, token, png_path, root, busy, parallel = sys.argv[1:7]
busy, parallel = int(busy), int(parallel)
png = open(png_path, "rb").read()
BODY = {
    "person": {"first_name": "Anna", "last_name": "Smith", "date_of_birth": "1959-11-08"},
    "address": {"street": "1 Main Street", "city": "Richmond", "state": "Arizona",
                "postal_code": "83420", "country": "USA"},
    "documents": {
        "photo_id": {"type": "Passport", "number": "J98667606", "country": "CAN"},
        "proof_of_address": {"type": "Lease", "number": "", "country": "USA"},
    },
}


def call(method, path, body=None, ctype="application/json"):
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=600) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def upload(vid, slot, data, name):
    b = uuid.uuid4().hex
    head = (f"--{b}\r\nContent-Disposition: form-data; name=\"slot\"\r\n\r\n{slot}\r\n"
            f"--{b}\r\nContent-Disposition: form-data; name=\"front\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode()
    body = head + data + f"\r\n--{b}--\r\n".encode()
    return call("POST", f"/api/v1/usps1583/verifications/{vid}/documents", body,
                f"multipart/form-data; boundary={b}")[0]


def create():
    s, v = call("POST", "/api/v1/usps1583/verifications", BODY)
    assert s == 201, v
    return v["data"]["id"]


lease = SourceFileLoader("gen", f"{root}/scripts/gen-hostile-files").load_module().lease_pdf()
busy_ids = []
for _ in range(busy):
    vid = create()
    assert upload(vid, "photo_id", png, "big.png") == 201
    assert upload(vid, "proof_of_address", lease, "lease.pdf") == 201
    s, v = call("PUT", f"/api/v1/usps1583/verifications/{vid}/submit")
    assert s == 200, v
    busy_ids.append(vid)

statuses = collections.Counter()
elapsed = 0.0
for _ in range(2):
    targets = [create() for _ in range(parallel)]
    results = [None] * parallel

    def go(i):
        results[i] = upload(targets[i], "photo_id", png, "big.png")

    threads = [threading.Thread(target=go, args=(i,)) for i in range(parallel)]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - t0
    statuses.update(str(r) for r in results)
    time.sleep(1)

decisions = collections.Counter()
deadline = time.time() + 600
for vid in busy_ids:
    while True:
        s, v = call("GET", f"/api/v1/usps1583/verifications/{vid}")
        label = v["data"]["status_label"]
        if label != "Submitted" or time.time() > deadline:
            decisions[label] += 1
            break
        time.sleep(0.5)
print(json.dumps({"uploads": dict(statuses), "upload_seconds": elapsed, "decisions": dict(decisions)}))

"""Clients for .ci/faults.

write BASE TOKEN ACKED SECONDS: eight writers create partners until told to stop (or SECONDS pass), each id the
service acknowledged (201) appended to ACKED, flushed and synced before the next request.
verify BASE TOKEN ACKED: every acknowledged partner is there (GET 200); prints how many.
"""
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid


def request(method, url, token, body=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=timeout) as response:
        return response.status, json.loads(response.read() or b"null")


def write(base, token, acked_path, seconds):
    lock = threading.Lock()
    acked = open(acked_path, "a")
    deadline = time.monotonic() + seconds
    counts = {"acked": 0, "failed": 0}

    def writer(n):
        while time.monotonic() < deadline:
            name = f"Партнер {n}-{uuid.uuid4().hex[:12]}"
            body = {"name": {"uk": name, "en": name}, "kind": "partner_city", "country": "PL"}
            try:
                status, record = request("POST", f"{base}/api/v1/partners", token, body, timeout=5)
            except (urllib.error.URLError, OSError, ValueError):
                with lock:
                    counts["failed"] += 1
                time.sleep(0.05)
                continue
            if status == 201:
                with lock:
                    acked.write(record["id"] + "\n")
                    acked.flush()
                    os.fsync(acked.fileno())
                    counts["acked"] += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"writers: {counts['acked']} acknowledged, {counts['failed']} failed or cut off")


def verify(base, token, acked_path):
    ids = [line.strip() for line in open(acked_path) if line.strip()]
    missing = []
    for record_id in ids:
        try:
            status, _ = request("GET", f"{base}/api/v1/partners/{record_id}", token)
        except urllib.error.HTTPError as e:
            status = e.code
        if status != 200:
            missing.append((record_id, status))
    if missing or not ids:
        print(f"FAIL: {len(missing)} of {len(ids)} acknowledged writes are missing: {missing[:5]}")
        sys.exit(1)
    print(f"{len(ids)} of {len(ids)} acknowledged writes survived")


if __name__ == "__main__":
    command, base, token, acked_path = sys.argv[1:5]
    if command == "write":
        write(base, token, acked_path, float(sys.argv[5]))
    else:
        verify(base, token, acked_path)

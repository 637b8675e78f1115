"""Compares two backups written by `intercoop export`: the same tables, the same rows, row by row.

Usage: python3 .ci/same_rows.py FIRST.json SECOND.json
"""
import json
import sys

first, second = (json.load(open(path, encoding="utf-8")) for path in sys.argv[1:3])
a, b = first["tables"], second["tables"]
if list(a) != list(b):
    sys.exit(f"FAIL: the tables differ: {list(a)} and {list(b)}")
for table, rows in a.items():
    if len(rows) != len(b[table]):
        sys.exit(f"FAIL: {table} has {len(rows)} rows and {len(b[table])}")
    for n, (row, other) in enumerate(zip(rows, b[table])):
        if row != other:
            sys.exit(f"FAIL: {table}[{n}] differs:\n{row}\n{other}")
print(f"{sum(len(rows) for rows in a.values())} rows in {len(a)} tables, the same row by row")

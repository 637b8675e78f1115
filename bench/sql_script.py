"""Turns intercoop's JSON log (the `intercoop::sql` TRACE lines, values inlined) into a pgbench script: one
statement per line, in the order the service ran them for one request."""
import json
import sys

for line in sys.stdin:
    try:
        entry = json.loads(line)
    except json.JSONDecodeError:
        continue
    if entry.get("target") != "intercoop::sql":
        continue
    message = entry["fields"]["message"] if "fields" in entry else entry["message"]
    statement = " ".join(message.split())
    print(statement.rstrip(";") + ";")

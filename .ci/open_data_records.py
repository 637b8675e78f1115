"""Adds to a running service what its demo programme lacks for the open-data checks: a published grant with its
project dates and award date (the 2024 report gives the one grant it names neither), so that the IATI file's
budget and transaction are validated too. Arguments: the base URL and an admin token."""
import json, sys, urllib.request

base, token = sys.argv[1], sys.argv[2]


def call(method, path, body=None):
    request = urllib.request.Request(
        base + path, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as r:
        return json.load(r)


demo = call("GET", "/api/v1/grants?limit=1")["items"][0]
grant = call("POST", "/api/v1/grants", {
    "donor_id": demo["donor_id"], "measure_ids": demo["measure_ids"], "activity_ids": demo["activity_ids"],
    "project_title": {"uk": "Перевірка IATI: грант з датами", "en": "IATI check: a grant with its dates"},
    "amount": "120000.50", "currency": "EUR", "status": "in_progress",
    "applied_on": "2024-02-01", "awarded_on": "2024-04-15", "start_date": "2024-05-01", "end_date": "2025-04-30",
})
call("POST", f"/api/v1/grants/{grant['id']}/publish")
print(f"ok   a published grant with its dates and award for the open-data checks ({grant['id']})")

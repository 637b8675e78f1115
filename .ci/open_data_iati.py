"""What the feeds say of dates is what the records hold, and the IATI file is IATI 2.03.

Arguments: the service's base URL, and the folder of the standards' files. Reads the records from the JSON feeds,
then checks the schema.org events' dates and places, 360Giving's award dates, and the IATI file: against the
official XSD (xmlschema), against the standard's codelists and rulesets (pyIATI), and against the rules neither
states (identifiers prefixed by the reporting organisation's, no actual date in the future, sector shares summing
to 100 per vocabulary, every date one the record holds)."""
import datetime, json, os, sys, urllib.request
import xml.etree.ElementTree as ET

base = sys.argv[1] + "/open-data/v1"
standards = sys.argv[2]


def get(path):
    with urllib.request.urlopen(base + path) as r:
        return r.read()


def precise(day, precision):
    return {"day": day, "month": day[:7], "year": day[:4]}[precision]


activities = {a["id"]: a for a in json.loads(get("/activities.json"))["items"]}
grants = {g["id"]: g for g in json.loads(get("/grants.json"))["items"]}

events = json.loads(get("/activities.jsonld"))["@graph"]
for e in events:
    a = activities[e["identifier"]]
    parts = [(a["start_date"], a["end_date"])] + [(p["start_date"], p["end_date"]) for p in a["additional_dates"]]
    assert e["startDate"] == precise(a["start_date"], a["date_precision"]), (e, a)
    held = {precise(d, a["date_precision"]) for part in parts for d in part if d}
    for key in ("startDate", "endDate"):
        assert key not in e or e[key] in held, (key, e, a)
    for sub in e.get("subEvent", []):
        assert sub["startDate"] in held and sub.get("endDate", sub["startDate"]) in held, (sub, a)
    places = e.get("location", [])
    places = places if isinstance(places, list) else [places]
    kinds = [p["@type"] for p in places]
    assert ("Place" in kinds) == bool(a["place_city"] or a["place_country"]), (e, a)
    assert ("VirtualLocation" in kinds) == (a["format"] in ("online", "hybrid")), (e, a)
print(f"ok   schema.org: {len(events)} events, each date one its activity holds to its precision, each place one it names")

giving = json.loads(get("/grants.360giving.json"))["grants"]
for g in giving:
    grant = grants[g["id"].removeprefix("360G-intercoop-")]
    assert g["awardDate"] == grant["awarded_on"], (g, grant)
awarded = [g for g in grants.values() if g["awarded_on"] and g["donor_name"]]
assert len(giving) == len(awarded), (len(giving), len(awarded))
print(f"ok   360Giving: {len(giving)} of {len(grants)} grants, each award date the grant's own")

body = get("/iati-activities.xml")
if os.path.isdir(os.path.join(standards, "iati-2.03")):
    import xmlschema
    schema = xmlschema.XMLSchema(os.path.join(standards, "iati-2.03", "iati-activities-schema.xsd"))
    errors = list(schema.iter_errors(body.decode()))
    assert not errors, "\n".join(str(e) for e in errors[:10])
    print("ok   xmlschema: iati-activities.xml is valid against the IATI 2.03 XSD")
else:
    print(f"skip xmlschema: no IATI 2.03 XSD at {standards}/iati-2.03 (CI has ../shared beside the clone)")

import iati, iati.default, iati.validator

text = body.decode().split("?>", 1)[1].strip()
log = iati.validator.full_validation(iati.Dataset(text), iati.default.activity_schema("2.03", populate=True))
errors = [f"{e.name}: {e.info}" for e in log if e.status == "error"]
assert not errors, "\n".join(errors[:20])
print("ok   pyIATI: the codes are on IATI 2.03's codelists and the activities keep its rulesets")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
today = datetime.date.today().isoformat()
root = ET.fromstring(body)
assert root.tag == "iati-activities" and root.get("version") == "2.03"
seen = set()
counts = {"activities": 0, "grants": 0}
for activity in root.findall("iati-activity"):
    identifier = activity.findtext("iati-identifier")
    prefix = activity.find("reporting-org").get("ref")
    assert identifier.startswith(prefix + "-") and identifier not in seen, identifier
    seen.add(identifier)
    record_id = identifier.removeprefix(prefix + "-")
    dates = {d.get("type"): d.get("iso-date") for d in activity.findall("activity-date")}
    for kind in ("2", "4"):
        assert kind not in dates or dates[kind] <= today, (identifier, dates)
    for d in dates.values():
        datetime.date.fromisoformat(d)
    if record_id in activities:
        a = activities[record_id]
        assert a["date_precision"] == "day", identifier
        days = [a["start_date"], a["end_date"]] + [d for p in a["additional_dates"] for d in p.values()]
        start = dates.get("2") or dates.get("1")
        assert start == a["start_date"] and (dates.get("4") or dates.get("3")) == max(d for d in days if d), (dates, a)
        counts["activities"] += 1
    else:
        g = grants[record_id]
        assert (dates.get("2") or dates.get("1")) == g["start_date"], (dates, g)
        assert (dates.get("4") or dates.get("3")) in (g["end_date"], None), (dates, g)
        transactions = activity.findall("transaction")
        for t in transactions:
            assert t.find("transaction-date").get("iso-date") == g["awarded_on"], g
        if g["awarded_on"] and g["awarded_on"] <= today and g["status"] != "applied":
            assert len(transactions) == 1, ("the award is a commitment", g)
        for b in activity.findall("budget"):
            start, end = b.find("period-start").get("iso-date"), b.find("period-end").get("iso-date")
            assert (start, end) == (g["start_date"], g["end_date"]), (b, g)
            first = datetime.date.fromisoformat(start)
            year_later = datetime.date(first.year + 1, 3, 1) if (first.month, first.day) == (2, 29) else first.replace(year=first.year + 1)
            assert datetime.date.fromisoformat(end) < year_later, ("a budget is at most a year", g)
        counts["grants"] += 1
    shares = {}
    for s in activity.findall("sector"):
        shares[s.get("vocabulary")] = shares.get(s.get("vocabulary"), 0) + float(s.get("percentage"))
    assert shares and all(abs(v - 100) < 0.001 for v in shares.values()), (identifier, shares)
    for n in activity.iter("narrative"):
        assert n.text and n.text.strip() and n.get(XML_LANG, "uk") in ("uk", "en"), identifier
day_precise = sum(1 for a in activities.values() if a["date_precision"] == "day")
assert counts["activities"] == day_precise > 0, (counts, day_precise)
eligible = [g for g in grants.values() if g["start_date"] and g["donor_name"] and g["status"] != "rejected"]
assert counts["grants"] == len(eligible), (counts, len(eligible))
print(f"ok   IATI rules: {counts['activities']} activities (every published one known to the day) and {counts['grants']} grants, "
      "identifiers prefixed by the reporting organisation's, no actual date ahead, sector shares of 100, every date the record's")

"""The open-data feeds of a running service, read as a portal reads them: the JSON-LD events and the DCAT-AP
catalog with rdflib (checked against DCAT-AP 3.0's SHACL shapes with pyshacl), and the GeoJSON's structure.
Arguments: the service's base URL, and the folder of the standards' files."""
import json, os, sys, urllib.request
import rdflib

base = sys.argv[1] + "/open-data/v1"
standards = sys.argv[2]
def get(path):
    with urllib.request.urlopen(base + path) as r:
        return r.read()

graph = rdflib.Graph().parse(data=get("/activities.jsonld"), format="json-ld")
SUB_EVENT = rdflib.URIRef("https://schema.org/subEvent")
events = set(graph.subjects(rdflib.RDF.type, rdflib.URIRef("https://schema.org/Event"))) - set(graph.objects(None, SUB_EVENT))
activities = json.loads(get("/activities.json"))["items"]
assert len(events) == len(activities) > 0, (len(events), len(activities))
print(f"ok   rdflib: activities.jsonld parses, {len(events)} schema:Event, one per published activity")

from rdflib.compare import isomorphic
DCAT, DCT = rdflib.Namespace("http://www.w3.org/ns/dcat#"), rdflib.Namespace("http://purl.org/dc/terms/")
HYDRA = rdflib.Namespace("http://www.w3.org/ns/hydra/core#")
catalog = rdflib.Graph().parse(data=get("/catalog.jsonld"), format="json-ld")
turtle = rdflib.Graph().parse(data=get("/catalog.ttl").decode(), format="turtle")
for graph, name in ((catalog, "catalog.jsonld"), (turtle, "catalog.ttl")):
    pages = list(graph.subjects(rdflib.RDF.type, HYDRA.PagedCollection))
    links = [o for p in pages for k, o in graph.predicate_objects(p) if k != rdflib.RDF.type and isinstance(o, rdflib.URIRef)]
    assert pages and all(f"/{name}?page=" in str(x) for x in pages + links), (name, pages, links)
    for p in pages:
        graph.remove((p, None, None))
assert isomorphic(catalog, turtle), "catalog.jsonld and catalog.ttl say different things"
print("ok   rdflib: each serialisation of the catalog pages to itself (hydra:PagedCollection)")
names = {str(o) for d in catalog.subjects(rdflib.RDF.type, DCAT.Dataset) for o in catalog.objects(d, DCT.identifier)}
package = json.loads(get("/datapackage.json"))
assert names == {r["name"] for r in package["resources"]}, names
for d in catalog.subjects(rdflib.RDF.type, DCAT.Dataset):
    distributions = list(catalog.objects(d, DCAT.distribution))
    assert len(distributions) >= 3, d
    for dist in distributions:
        assert (dist, rdflib.RDF.type, DCAT.Distribution) in catalog and (dist, DCAT.downloadURL, None) in catalog, dist
        assert (dist, DCAT.mediaType, None) in catalog and (dist, DCT.license, None) in catalog, dist
print(f"ok   rdflib: the DCAT catalog parses as JSON-LD and Turtle ({len(catalog)} triples, the same), names every dataset and distribution")

if os.path.isdir(standards):
    import pyshacl
    shapes = rdflib.Graph()
    for f in ("dcat-ap-SHACL.ttl", "shapes_recommended.ttl"):
        shapes.parse(os.path.join(standards, "dcat-ap-3.0.0", f), format="turtle")
    for name, data, fmt in (("catalog.ttl", get("/catalog.ttl").decode(), "turtle"), ("catalog.jsonld", get("/catalog.jsonld"), "json-ld")):
        conforms, _, text = pyshacl.validate(rdflib.Graph().parse(data=data, format=fmt), shacl_graph=shapes, allow_warnings=False)
        assert conforms, f"{name} does not conform to DCAT-AP 3.0:\n{text}"
    print("ok   pyshacl: the catalog (Turtle and JSON-LD) conforms to DCAT-AP 3.0's shapes with their ranges and to the recommended properties: 0 violations, 0 warnings")
else:
    print(f"skip pyshacl: no DCAT-AP shapes at {standards}/dcat-ap-3.0.0 (CI has ../shared beside the clone)")

geo = json.loads(get("/partners.geojson"))
assert geo["type"] == "FeatureCollection"
for f in geo["features"]:
    lon, lat = f["geometry"]["coordinates"]
    assert f["type"] == "Feature" and f["geometry"]["type"] == "Point", f
    assert -180 <= lon <= 180 and -90 <= lat <= 90, f
print(f"ok   GeoJSON: partners.geojson is a FeatureCollection of {len(geo['features'])} points")

"""Writes bench/RESULTS.md from what bench/run measured (bench/.work/out) and criterion's estimates."""
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

out, criterion = Path(sys.argv[1]), Path(sys.argv[2])


def load(name):
    path = out / name
    if not path.exists():
        return None
    text = path.read_text().strip()
    return json.loads(text) if text.startswith("{") else text


def run(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def mb(kb):
    return f"{int(kb) / 1024:.0f} MB" if kb not in (None, "") else "n/a"


def ratio(a, b):
    return f"{a / b:.1f}x" if a and b else "n/a"


cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
memory = next((line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")), "0")
print("# intercoop benchmark results\n")
print("Written by `bench/run` (do not edit by hand); every figure below comes from one run.\n")
print(f"- Date: {load('started')}")
print(f"- Command: `{load('command')}`")
print(f"- Machine: {os.cpu_count()} cores ({cpu}), {int(memory) // 1024 // 1024} GiB, Linux {platform.release()}")
print(f"- PostgreSQL: {run('psql', 'postgres://postgres@127.0.0.1:5432/postgres', '-tAc', 'show server_version')}; "
      f"SQLite (bundled with sqlx); wrk {run('sh', '-c', 'wrk -v 2>&1 | head -n 1').split(' ')[1]}")
keys = ("BENCH_DURATION", "BENCH_CONNECTIONS", "BENCH_HEAVY_CONNECTIONS", "BENCH_ACTIVITIES", "BENCH_PARTNERS")
settings = {k: os.environ.get(k) for k in keys}
CONNECTIONS = int(settings["BENCH_CONNECTIONS"] or 64)
print(f"- Load: wrk, 2 threads, {settings['BENCH_CONNECTIONS']} connections ({settings['BENCH_HEAVY_CONNECTIONS']} for "
      f"whole reports and the feed), {settings['BENCH_DURATION']} per "
      f"scenario, on loopback; data: {settings['BENCH_ACTIVITIES']} activities over 2021-2025, "
      f"{settings['BENCH_PARTNERS']} partners (`intercoop gen`); wrk, pgbench, PostgreSQL, intercoop and Directus all on "
      f"the same {os.cpu_count()} cores, PostgreSQL reached over plain TCP by all three clients\n")

print("## Data generation (`intercoop gen`)\n")
print("| database | activities | seconds |")
print("|---|---:|---:|")
for name, label in (("pg", "PostgreSQL"), ("sqlite", "SQLite"), ("feed_pg", "PostgreSQL"), ("feed_sqlite", "SQLite")):
    gen = load(f"gen.{name}.json")
    if gen:
        print(f"| {label} | {gen['activities']:,} | {gen['seconds']:.1f} |")

scenarios = [
    ("list", "`GET /api/v1/activities?year=2024&limit=50` (partners and measures embedded)"),
    ("get", "`GET /api/v1/activities/{id}` (random ids of 2024)"),
    ("search", "`GET /api/v1/partners?q=Університет`"),
    ("create", "`POST /api/v1/activities` (editor token; audit entry and change feed included)"),
    ("report_json", "`GET .../reports/2024?format=json`"),
    ("report_html", "`GET .../reports/2024?format=html`"),
    ("feed_csv", "`GET /open-data/v1/activities.csv` (every activity)"),
]
print("\n## Requests per second and latency (wrk)\n")
print("| scenario | intercoop PostgreSQL: req/s, p50, p99 | intercoop SQLite: req/s, p50, p99 | peak RSS (PG, SQLite) |")
print("|---|---:|---:|---:|")
for name, label in scenarios:
    cells = []
    for target in ("pg", "sqlite"):
        r = load(f"load.{target}.{name}.json")
        bad = f", {r['non_2xx']} non-2xx" if r and r["non_2xx"] else ""
        cells.append(f"{r['rps']:,.0f}, {r['p50_ms']:.1f} ms, {r['p99_ms']:.1f} ms{bad}" if r else "n/a")
    rss = [load(f"load.{t}.{name}.json") for t in ("pg", "sqlite")]
    cells.append(", ".join(mb(r["rss_peak_kb"]) if r else "n/a" for r in rss))
    print(f"| {label} | " + " | ".join(cells) + " |")

print("\n## Side by side: the peer and the limits (PostgreSQL)\n")
skipped = load("directus.skipped")
if skipped:
    print(f"Directus was skipped: its set-up failed (`bench/.work/directus.log`):\n\n```\n{skipped}\n```\n")
print("| scenario | intercoop req/s | Directus req/s (p99) | intercoop / Directus | pgbench of intercoop's SQL, tps "
      "| intercoop / pgbench | same bytes from memory (actix-web), req/s | intercoop / that |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for name, label in scenarios[:3]:
    ours, peer = load(f"load.pg.{name}.json"), load(f"load.directus.{name}.json")
    bench, ceiling = load(f"pgbench.{name}.json"), load(f"load.ceiling.{name}.json")
    rps = ours["rps"] if ours else None
    print(f"| {label} | {rps:,.0f} | "
          + (f"{peer['rps']:,.0f} ({peer['p99_ms']:.0f} ms)" if peer else "n/a") + " | "
          + ratio(rps, peer and peer["rps"]) + " | "
          + (f"{bench['tps']:,.0f} ({bench.get('clients', '?')} clients)" if bench else "n/a") + " | "
          + (f"{rps / bench['tps']:.0%}" if bench and rps else "n/a") + " | "
          + (f"{ceiling['rps']:,.0f}" if ceiling else "n/a") + " | "
          + (f"{rps / ceiling['rps']:.0%}" if ceiling and rps else "n/a") + " |")
idle, after = load("rss_idle.directus"), load("rss_after.directus")
if idle:
    print(f"\nDirectus's RSS: {mb(idle)} idle, {mb(after)} after the load; peak under load "
          + ", ".join(f"{n} {mb(r['rss_peak_kb'])}" for n in ("list", "get", "search")
                      if (r := load(f"load.directus.{n}.json"))) + ".")

print("\n## Memory (RSS of the intercoop process)\n")
print("| | PostgreSQL | SQLite |")
print("|---|---:|---:|")
print(f"| idle, after start | {mb(load('rss_idle.pg'))} | {mb(load('rss_idle.sqlite'))} |")
peaks = {t: max((load(f"load.{t}.{n}.json") or {}).get("rss_peak_kb", 0) for n in ("list", "get", "search"))
         for t in ("pg", "sqlite")}
print(f"| peak under list, get and search load | {mb(peaks['pg'])} | {mb(peaks['sqlite'])} |")
print(f"| after all the load | {mb(load('rss_after.pg'))} | {mb(load('rss_after.sqlite'))} |")
for fmt in ("csv", "json"):
    cells = []
    for target in ("pg", "sqlite"):
        f = load(f"feed.{target}.{fmt}.json")
        cells.append(f"{mb(f['rss_peak_kb'])} ({f['rows']:,} rows, {int(f['bytes']) / 1e6:.0f} MB in {f['seconds']:.1f} s)"
                     if f else "n/a")
    print(f"| peak while streaming `/open-data/v1/activities.{fmt}` | " + " | ".join(cells) + " |")

print("\n## The annual report for 2024, one request at a time (median of 10, end to end over HTTP)\n")
print("| format | PostgreSQL | SQLite |")
print("|---|---:|---:|")
for fmt in ("json", "html", "docx"):
    cells = [(lambda s: f"{s['median_ms']:.0f} ms" if s else "n/a")(load(f"single.{t}.report_{fmt}.json"))
             for t in ("pg", "sqlite")]
    print(f"| {fmt} | " + " | ".join(cells) + " |")


def estimate(group, name, n):
    path = criterion / group / name / str(n) / "new" / "estimates.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())["mean"]["point_estimate"] / 1e6


sizes = sorted({int(p.name) for p in (criterion / "report" / "json").glob("*") if p.name.isdigit()}) \
    if (criterion / "report" / "json").exists() else []
if sizes:
    print("\n## Criterion: the report at 1,000, 10,000 and 100,000 activities in the year (mean)\n")
    print("Loading is from SQLite; JSON, HTML and DOCX time building the report and writing it. The last column "
          "is the cost per activity: flat across sizes would be linear growth.\n")
    print("| activities | load (SQLite) | JSON | HTML | DOCX | date phrases | per activity: JSON, HTML, DOCX |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        v = [estimate("report", k, n) for k in ("load", "json", "html", "docx")] + [estimate("date_phrase", "uk", n)]
        per = ", ".join(f"{x * 1000 / n:.1f} µs" if x else "n/a" for x in v[1:4])
        print(f"| {n:,} | " + " | ".join(f"{x:,.1f} ms" if x else "n/a" for x in v) + f" | {per} |")

print("\n## The targets (issue 8)\n")
print("| target | measured | met |")
print("|---|---|:-:|")


def row(target, measured, met):
    print(f"| {target} | {measured} | {'yes' if met else ('n/a' if met is None else '**no**')} |")


for name in ("list", "get", "search"):
    ours, peer, bench = load(f"load.pg.{name}.json"), load(f"load.directus.{name}.json"), load(f"pgbench.{name}.json")
    # What the database alone allows, for the targets that ask for more than that.
    sql_alone = f"; the SQL alone: {bench['tps']:,.0f} tps" if bench else ""
    if ours and peer:
        row(f"{name}: at least 20x Directus's req/s",
            f"{ours['rps'] / peer['rps']:.1f}x (20x is {20 * peer['rps']:,.0f} req/s{sql_alone})",
            ours["rps"] >= 20 * peer["rps"])
    else:
        row(f"{name}: at least 20x Directus's req/s", "Directus not measured", None)
    p99 = [(t, r["p99_ms"]) for t in ("pg", "sqlite") if (r := load(f"load.{t}.{name}.json"))]
    # Little's law: 64 requests always in flight, each under 25 ms, is at least 64 / 0.025 requests a second.
    need = CONNECTIONS / 0.025
    row(f"{name}: p99 under 25 ms at {CONNECTIONS} connections",
        ", ".join(f"{t} {v:.1f} ms" for t, v in p99) + f" (needs over {need:,.0f} req/s{sql_alone})",
        all(v < 25 for _, v in p99) if p99 else None)
    if ours and bench:
        row(f"{name}: at least 70% of pgbench on its SQL", f"{ours['rps'] / bench['tps']:.0%}", ours["rps"] >= 0.7 * bench["tps"])
row("RSS under list/get/search load under 60 MB", f"PG {mb(peaks['pg'])}, SQLite {mb(peaks['sqlite'])}",
    max(peaks.values()) < 60 * 1024 if all(peaks.values()) else None)
idle = [int(x) for x in (load("rss_idle.pg"), load("rss_idle.sqlite")) if x]
row("RSS idle under 30 MB", ", ".join(mb(x) for x in idle), max(idle) < 30 * 1024 if idle else None)
for fmt, limit in (("json", 100), ("html", 150), ("docx", 500)):
    loaded, written = estimate("report", "load", 10000), estimate("report", fmt, 10000)
    if loaded and written:
        row(f"report of a year of 10,000 activities as {fmt.upper()} under {limit} ms",
            f"{loaded + written:.0f} ms (load {loaded:.0f} + write {written:.0f}, criterion, SQLite)", loaded + written < limit)
feeds = [(t, f["rss_peak_kb"], f["rows"]) for t in ("pg", "sqlite") for fm in ("csv", "json")
         if (f := load(f"feed.{t}.{fm}.json"))]
row("open-data feed of 100,000 activities streams under 60 MB peak RSS",
    ", ".join(f"{t} {mb(kb)} ({rows:,} rows)" for t, kb, rows in feeds), max(kb for _, kb, _ in feeds) < 60 * 1024 if feeds else None)
create = load("load.pg.create.json")
if create:
    row("at least 1,000 activity creations per second on PostgreSQL", f"{create['rps']:,.0f}/s", create["rps"] >= 1000)
gens = [(n, g) for n in ("feed_pg", "feed_sqlite") if (g := load(f"gen.{n}.json"))]
row("`intercoop gen` makes 100,000 activities well under a minute",
    ", ".join(f"{'PostgreSQL' if n == 'feed_pg' else 'SQLite'} {g['seconds']:.0f} s" for n, g in gens),
    all(g["seconds"] < 60 for _, g in gens) if gens else None)
row("no N+1: list endpoints run no more statements for 50 items than for 1",
    "tests/tests/api/generated.rs counts them (SQLite and PostgreSQL)", True)

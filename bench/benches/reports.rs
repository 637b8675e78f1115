//! The annual report at 1,000, 10,000 and 100,000 activities in its year: loading its data from SQLite, then
//! writing it as JSON, HTML and DOCX; and the Ukrainian date phrases alone. Each size is a point of the growth.

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use intercoop_bench::{Fixture, YEAR, sizes};
use intercoop_documents::{docx, html};
use intercoop_domain::report::{self, Lang, Letterhead, Span, date_phrase};

fn reports(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let letterhead = Letterhead::default();
    for n in sizes() {
        let fixture = runtime.block_on(Fixture::new(n));
        let (data, grants) = runtime.block_on(fixture.load());
        assert!(data.activities.len() >= n, "every generated activity is in the report's year");
        let mut group = c.benchmark_group("report");
        group.sampling_mode(SamplingMode::Flat).sample_size(10).throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("load", n), &n, |b, _| {
            b.to_async(&runtime).iter(|| fixture.load());
        });
        group.bench_with_input(BenchmarkId::new("json", n), &n, |b, _| {
            b.iter(|| serde_json::to_vec(&report::build(&data, YEAR, Lang::Uk, false)).expect("JSON"));
        });
        group.bench_with_input(BenchmarkId::new("html", n), &n, |b, _| {
            b.iter(|| {
                let report = report::build(&data, YEAR, Lang::Uk, false);
                html::render(&report, &report::summary(&data, YEAR, &grants), &letterhead, Lang::Uk)
            });
        });
        group.bench_with_input(BenchmarkId::new("docx", n), &n, |b, _| {
            b.iter(|| docx::render(&report::build(&data, YEAR, Lang::Uk, false), &letterhead, Lang::Uk).expect("DOCX"));
        });
        group.finish();

        let spans: Vec<(Vec<Span>, _)> = data
            .activities
            .iter()
            .map(|a| {
                let a = &a.activity;
                let spans = std::iter::once(Span { start: a.start_date, end: a.end_date })
                    .chain(a.additional_dates.iter().map(|r| Span { start: r.start_date, end: r.end_date }))
                    .collect();
                (spans, a.date_precision)
            })
            .collect();
        let mut group = c.benchmark_group("date_phrase");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("uk", n), &spans, |b, spans| {
            b.iter(|| spans.iter().filter_map(|(s, p)| date_phrase(s, *p, Lang::Uk)).map(|p| p.len()).sum::<usize>());
        });
        group.finish();
    }
}

criterion_group!(benches, reports);
criterion_main!(benches);

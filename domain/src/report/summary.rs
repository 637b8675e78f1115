//! The year's figures: activities by measure, kind, month and country; partners by kind; grants by currency.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use rust_decimal::Decimal;
use serde::Serialize;

use super::ReportData;
use crate::{DatePrecision, Money};

/// How many of something.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Count {
    /// What is counted: a measure code, a kind, a month ("01" to "12", or "undated"), a country code.
    pub key: String,
    pub count: usize,
}

/// Money in one currency.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Amount {
    /// ISO 4217 code.
    pub currency: String,
    /// The exact total, as a decimal string.
    pub total: String,
    /// How many grants make it up.
    pub grants: usize,
}

/// The year's figures.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Summary {
    pub year: i32,
    /// Activities of the year (each counted once, whatever its measures).
    pub activities: usize,
    /// Activities under each measure, in code order (an activity under two measures counts for both).
    pub by_measure: Vec<Count>,
    /// Activities by kind, the most frequent first.
    pub by_kind: Vec<Count>,
    /// Activities by the month they start in, then those known only by their year ("undated").
    pub by_month: Vec<Count>,
    /// Activities by the country they took place in ("none" when no country is recorded), most first.
    pub by_country: Vec<Count>,
    /// The partners of the year's activities, each once, by kind.
    pub partners_by_kind: Vec<Count>,
    /// The grants of the year, totalled by currency.
    pub grants_by_currency: Vec<Amount>,
}

/// Counts the year's activities of the report data, and totals the grants given.
pub fn summary(data: &ReportData, year: i32, grants: &[Money]) -> Summary {
    let activities = &data.activities;
    let by_measure = data
        .sections
        .iter()
        .flat_map(|s| s.measures.iter())
        .map(|m| Count {
            key: m.code.to_string(),
            count: activities.iter().filter(|a| a.activity.measure_ids.contains(&m.id)).count(),
        })
        .collect();
    let mut months: BTreeMap<String, usize> = (1..=12).map(|m| (format!("{m:02}"), 0)).collect();
    let mut undated = 0;
    for a in activities {
        let start = a.activity.start_date;
        if a.activity.date_precision == DatePrecision::Year || start.year() != year {
            undated += usize::from(a.activity.date_precision == DatePrecision::Year);
            continue;
        }
        *months.entry(format!("{:02}", start.month())).or_default() += 1;
    }
    let mut by_month: Vec<Count> = months.into_iter().map(|(key, count)| Count { key, count }).collect();
    by_month.push(Count { key: "undated".into(), count: undated });

    let kinds = tally(activities.iter().map(|a| a.activity.kind.as_str().to_owned()));
    let countries = tally(activities.iter().map(|a| {
        a.activity.place.as_ref().and_then(|p| p.country).map_or_else(|| "none".to_owned(), |c| c.to_string())
    }));
    let mut seen = BTreeSet::new();
    let partner_kinds = tally(
        activities
            .iter()
            .flat_map(|a| a.partners.iter())
            .filter(|p| seen.insert(p.id))
            .map(|p| p.kind.as_str().to_owned()),
    );
    let mut totals: BTreeMap<String, (Decimal, usize, u32)> = BTreeMap::new();
    for money in grants {
        let entry =
            totals.entry(money.currency().to_string()).or_insert((Decimal::ZERO, 0, money.currency().minor_units()));
        entry.0 += money.amount();
        entry.1 += 1;
    }
    let grants_by_currency = totals
        .into_iter()
        .map(|(currency, (mut total, grants, scale))| {
            total.rescale(scale);
            Amount { currency, total: total.to_string(), grants }
        })
        .collect();
    Summary {
        year,
        activities: activities.len(),
        by_measure,
        by_kind: kinds,
        by_month,
        by_country: countries,
        partners_by_kind: partner_kinds,
        grants_by_currency,
    }
}

/// Counts of each key, the most frequent first, then by key.
fn tally(keys: impl Iterator<Item = String>) -> Vec<Count> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for key in keys {
        *counts.entry(key).or_default() += 1;
    }
    let mut out: Vec<Count> = counts.into_iter().map(|(key, count)| Count { key, count }).collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    out
}

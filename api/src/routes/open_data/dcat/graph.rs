//! The catalog page as RDF: the catalogue, its publisher and contact point, the datasets shown with their
//! distributions, and the vocabulary terms they name, as DCAT-AP 3.0 asks.

use chrono::{DateTime, SecondsFormat, Utc};
use intercoop_domain::report::Letterhead;
use intercoop_operations::open_data::OpenDataSettings;
use intercoop_operations::open_data::rdf::{Node, Object};

use super::entries::Entry;
use super::vocabulary::{Terms, keywords, themes};

fn time(t: DateTime<Utc>) -> Object {
    Object::Typed(t.to_rfc3339_opts(SecondsFormat::Secs, true), "xsd:dateTime")
}

/// What every page says the same way.
pub struct Context<'a> {
    pub feeds: &'a str,
    pub letterhead: &'a Letterhead,
    pub settings: &'a OpenDataSettings,
}

impl Context<'_> {
    fn publisher(&self) -> String {
        format!("{}/publisher", self.feeds)
    }

    fn contact(&self) -> String {
        format!("{}/contact", self.feeds)
    }

    fn en<'t>(&self, text: &'t intercoop_domain::LocalizedText) -> &'t str {
        text.en.as_deref().unwrap_or(&text.uk)
    }

    /// The catalogue, with the datasets of this page.
    pub fn catalog(&self, terms: &mut Terms, all: &[Entry], shown: &[&Entry], issued: Option<DateTime<Utc>>) -> Node {
        let feeds = self.feeds;
        let s = self.settings;
        let mut catalog = Node::new(format!("{feeds}/catalog"), "dcat:Catalog");
        catalog
            .both(
                "dct:title",
                "Відкриті дані програми міжнародного співробітництва та промоції",
                "Open data of the programme of international cooperation and promotion",
            )
            .both(
                "dct:description",
                "Заходи програми, їх виконання, партнери, гранти та угоди",
                "The programme's measures, what was done under them, partners, grants and agreements",
            )
            .iri("dct:publisher", self.publisher())
            .iri("dct:license", terms.licence(&s.license_url, &s.license_type))
            .iri("foaf:homepage", terms.typed(&format!("{feeds}/"), "foaf:Document"))
            .iri("dct:language", terms.language("UKR"))
            .iri("dct:language", terms.language("ENG"))
            .iri("dct:spatial", terms.location(&s.spatial_uri, &s.spatial_centroid, &s.spatial_bbox))
            .iri("dcat:themeTaxonomy", terms.theme_taxonomy());
        if let Some(issued) = issued {
            catalog.add("dct:issued", time(issued));
        }
        if let Some(modified) = all.iter().filter_map(|e| e.modified).max() {
            catalog.add("dct:modified", time(modified));
        }
        for e in shown {
            catalog.iri("dcat:dataset", format!("{feeds}/datasets/{}", e.name));
        }
        catalog
    }

    /// The council as publisher, and the department as contact point.
    pub fn agents(&self, terms: &mut Terms) -> [Node; 2] {
        let l = self.letterhead;
        let mut publisher = Node::new(self.publisher(), "foaf:Agent");
        publisher
            .also("foaf:Organization")
            .both("foaf:name", &l.council.uk, self.en(&l.council))
            .iri("dct:type", terms.local_authority());
        let mut contact = Node::new(self.contact(), "vcard:Kind");
        contact.also("vcard:Organization").both("vcard:fn", &l.department.uk, self.en(&l.department));
        if !l.email.is_empty() {
            contact.iri("vcard:hasEmail", format!("mailto:{}", l.email));
        }
        [publisher, contact]
    }

    /// A dataset and its distributions.
    pub fn dataset(&self, terms: &mut Terms, e: &Entry) -> Vec<Node> {
        let (feeds, s) = (self.feeds, self.settings);
        let uri = format!("{feeds}/datasets/{}", e.name);
        let (title_uk, title_en) = match e.name.strip_prefix("report-") {
            Some(year) => (format!("{}, {year}", e.dataset.title_uk), format!("{}, {year}", e.dataset.title_en)),
            None => (e.dataset.title_uk.to_owned(), e.dataset.title_en.to_owned()),
        };
        let licence = terms.licence(&s.license_url, &s.license_type);
        let mut dataset = Node::new(&uri, "dcat:Dataset");
        dataset
            .add("dct:identifier", Object::Text(e.name.clone()))
            .both("dct:title", &title_uk, &title_en)
            .both("dct:description", e.dataset.description_uk, e.dataset.description_en)
            .iri("dct:publisher", self.publisher())
            .iri("dcat:contactPoint", self.contact())
            .iri("dcat:landingPage", terms.typed(&format!("{feeds}/#{}", e.dataset.name), "foaf:Document"))
            .iri("dct:conformsTo", terms.typed(&format!("{feeds}/datapackage.json"), "dct:Standard"))
            .iri("dct:accessRights", terms.public_access())
            .iri(
                "dct:accrualPeriodicity",
                terms.frequency(if e.name.starts_with("report-") { "ANNUAL" } else { "CONT" }),
            )
            .iri("dct:language", terms.language("UKR"))
            .iri("dct:language", terms.language("ENG"))
            .iri("dct:spatial", terms.location(&s.spatial_uri, &s.spatial_centroid, &s.spatial_bbox));
        for theme in themes(e.dataset.name) {
            dataset.iri("dcat:theme", terms.theme(theme));
        }
        for (uk, en) in keywords(e.dataset.name) {
            dataset.both("dcat:keyword", uk, en);
        }
        let mut nodes = Vec::new();
        if let Some((first, last)) = e.years {
            let period = format!("{feeds}/periods/{first}-{last}");
            dataset.iri("dct:temporal", &period);
            let mut node = Node::new(period, "dct:PeriodOfTime");
            node.add("dcat:startDate", Object::Typed(first.to_string(), "xsd:gYear"))
                .add("dcat:endDate", Object::Typed(last.to_string(), "xsd:gYear"));
            nodes.push(node);
        }
        if let Some(modified) = e.modified {
            dataset.add("dct:modified", time(modified));
        }
        for d in &e.distributions {
            let id = format!("{uri}/{}", d.slug);
            dataset.iri("dcat:distribution", &id);
            let url = terms.typed(&d.url, "rdfs:Resource");
            let mut distribution = Node::new(id, "dcat:Distribution");
            distribution
                .both("dct:title", d.title.0, d.title.1)
                .both("dct:description", d.description.0, d.description.1)
                .iri("dcat:accessURL", &url)
                .iri("dcat:downloadURL", &url)
                .iri("dcat:mediaType", terms.media_type(d.media_type))
                .iri("dct:format", terms.file_type(d.file_type))
                .iri("dct:license", &licence)
                .iri("dcatap:availability", terms.stable());
            if let Some(standard) = &d.conforms_to {
                distribution.iri("dct:conformsTo", terms.typed(standard, "dct:Standard"));
            }
            if let Some(modified) = e.modified {
                distribution.add("dct:modified", time(modified));
            }
            nodes.push(distribution);
        }
        nodes.insert(0, dataset);
        nodes
    }
}

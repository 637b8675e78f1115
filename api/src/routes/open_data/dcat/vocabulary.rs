//! The controlled vocabularies the catalog names, each IRI with the type and label DCAT-AP 3.0's shapes look for:
//! the EU's file types, data themes, languages, frequencies, access rights and planned availability, ADMS's
//! publisher and licence types, and IANA's media types.

use std::collections::BTreeMap;

use intercoop_operations::open_data::rdf::{Node, Object};

const EU: &str = "http://publications.europa.eu/resource/authority";

/// The vocabulary nodes of a catalog page, each once.
#[derive(Default)]
pub struct Terms(BTreeMap<String, Node>);

impl Terms {
    fn put(&mut self, iri: String, make: impl FnOnce(&str) -> Node) -> String {
        self.0.entry(iri.clone()).or_insert_with(|| make(&iri));
        iri
    }

    /// A concept of a scheme, labelled in English (and Ukrainian where given).
    fn concept(&mut self, scheme: &str, code: &str, en: &str, uk: Option<&str>) -> String {
        let scheme = scheme.to_owned();
        self.put(format!("{scheme}/{code}"), |iri| {
            let mut node = Node::new(iri, "skos:Concept");
            node.add("skos:prefLabel", Object::Lang(en.to_owned(), "en"));
            if let Some(uk) = uk {
                node.add("skos:prefLabel", Object::Lang(uk.to_owned(), "uk"));
            }
            node.iri("skos:inScheme", &scheme);
            node
        })
    }

    /// An IRI with one type and nothing else said of it.
    pub fn typed(&mut self, iri: &str, kind: &'static str) -> String {
        self.put(iri.to_owned(), |iri| Node::new(iri, kind))
    }

    /// A file type of the EU vocabulary (`CSV`, `JSON`, `GEOJSON`, `JSON_LD`, `XML`).
    pub fn file_type(&mut self, code: &str) -> String {
        self.put(format!("{EU}/file-type/{code}"), |iri| Node::new(iri, "dct:MediaTypeOrExtent"))
    }

    pub fn media_type(&mut self, media_type: &str) -> String {
        self.put(format!("http://www.iana.org/assignments/media-types/{media_type}"), |iri| {
            Node::new(iri, "dct:MediaType")
        })
    }

    /// A data theme of the EU vocabulary.
    pub fn theme(&mut self, code: &str) -> String {
        let (en, uk) = match code {
            "INTR" => ("International issues", "Міжнародні питання"),
            "ECON" => ("Economy and finance", "Економіка та фінанси"),
            _ => ("Government and public sector", "Уряд і державний сектор"),
        };
        self.concept(&self::theme_scheme(), code, en, Some(uk))
    }

    /// The data-theme scheme, as the catalog's theme taxonomy.
    pub fn theme_taxonomy(&mut self) -> String {
        self.put(theme_scheme(), |iri| {
            let mut node = Node::new(iri, "skos:ConceptScheme");
            node.add("dct:title", Object::Lang("Data theme".into(), "en"));
            node
        })
    }

    pub fn language(&mut self, code: &str) -> String {
        self.put(format!("{EU}/language/{code}"), |iri| Node::new(iri, "dct:LinguisticSystem"))
    }

    pub fn stable(&mut self) -> String {
        self.concept(&format!("{EU}/planned-availability"), "STABLE", "stable", Some("стабільна"))
    }

    pub fn frequency(&mut self, code: &str) -> String {
        self.put(format!("{EU}/frequency/{code}"), |iri| Node::new(iri, "dct:Frequency"))
    }

    pub fn public_access(&mut self) -> String {
        self.put(format!("{EU}/access-right/PUBLIC"), |iri| Node::new(iri, "dct:RightsStatement"))
    }

    pub fn local_authority(&mut self) -> String {
        self.concept("http://purl.org/adms/publishertype", "LocalAuthority", "Local Authority", None)
    }

    /// The licence, with its type from the ADMS licence-type vocabulary.
    pub fn licence(&mut self, url: &str, licence_type: &str) -> String {
        let kind = self.concept("http://purl.org/adms/licencetype", licence_type, licence_type, None);
        self.put(url.to_owned(), |iri| {
            let mut node = Node::new(iri, "dct:LicenseDocument");
            node.iri("dct:type", kind);
            node
        })
    }

    /// The area covered, with its centre and bounding box.
    pub fn location(&mut self, iri: &str, centroid: &str, bbox: &str) -> String {
        self.put(iri.to_owned(), |iri| {
            let mut node = Node::new(iri, "dct:Location");
            node.add("dcat:centroid", Object::Typed(centroid.to_owned(), "gsp:wktLiteral"))
                .add("dcat:bbox", Object::Typed(bbox.to_owned(), "gsp:wktLiteral"));
            node
        })
    }

    pub fn into_nodes(self) -> impl Iterator<Item = Node> {
        self.0.into_values()
    }
}

fn theme_scheme() -> String {
    format!("{EU}/data-theme")
}

/// The themes of a dataset of this name.
pub fn themes(dataset: &str) -> &'static [&'static str] {
    match dataset {
        "grants" => &["INTR", "ECON"],
        "measures" | "report" => &["INTR", "GOVE"],
        _ => &["INTR"],
    }
}

/// Keywords of a dataset of this name, in Ukrainian and English.
pub fn keywords(dataset: &str) -> Vec<(&'static str, &'static str)> {
    let mut words =
        vec![("міжнародне співробітництво", "international cooperation"), ("промоція міста", "city promotion")];
    words.extend(match dataset {
        "measures" => [("програма", "programme"), ("заходи програми", "programme measures")],
        "activities" => [("візити", "visits"), ("делегації", "delegations")],
        "partners" => [("міста-партнери", "partner cities"), ("міжнародні організації", "international organisations")],
        "grants" => [("гранти", "grants"), ("донори", "donors")],
        "agreements" => [("угоди", "agreements"), ("меморандуми", "memoranda")],
        _ => [("звіт", "report"), ("виконання програми", "programme implementation")],
    });
    words
}

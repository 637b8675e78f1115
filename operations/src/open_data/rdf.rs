//! A small RDF graph of the catalog, written as JSON-LD (with its `@context` inline, so no parser fetches
//! anything) or as Turtle: one model, two serializations that say the same triples.

use serde_json::{Map, Value, json};

/// The prefixes the catalog uses.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dcatap", "http://data.europa.eu/r5r/"),
    ("dct", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("gsp", "http://www.opengis.net/ont/geosparql#"),
    ("hydra", "http://www.w3.org/ns/hydra/core#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("vcard", "http://www.w3.org/2006/vcard/ns#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// The object of a triple.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    Iri(String),
    /// A plain string.
    Text(String),
    /// A string in a language.
    Lang(String, &'static str),
    /// A typed literal, with its datatype as a prefixed name (`xsd:dateTime`).
    Typed(String, &'static str),
}

/// A subject with its types and properties (predicates as prefixed names).
#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub types: Vec<&'static str>,
    pub properties: Vec<(&'static str, Object)>,
}

impl Node {
    pub fn new(id: impl Into<String>, kind: &'static str) -> Self {
        Self { id: id.into(), types: vec![kind], properties: Vec::new() }
    }

    /// A further type.
    pub fn also(&mut self, kind: &'static str) -> &mut Self {
        self.types.push(kind);
        self
    }

    pub fn add(&mut self, predicate: &'static str, object: Object) -> &mut Self {
        self.properties.push((predicate, object));
        self
    }

    pub fn iri(&mut self, predicate: &'static str, iri: impl Into<String>) -> &mut Self {
        self.add(predicate, Object::Iri(iri.into()))
    }

    /// Text in Ukrainian and English.
    pub fn both(&mut self, predicate: &'static str, uk: &str, en: &str) -> &mut Self {
        self.add(predicate, Object::Lang(uk.to_owned(), "uk"));
        self.add(predicate, Object::Lang(en.to_owned(), "en"))
    }
}

fn expand(prefixed: &str) -> String {
    let (prefix, local) = prefixed.split_once(':').expect("a prefixed name");
    let base = PREFIXES.iter().find(|(p, _)| *p == prefix).expect("a known prefix").1;
    format!("{base}{local}")
}

fn jsonld_object(object: &Object) -> Value {
    match object {
        Object::Iri(iri) => json!({"@id": iri}),
        Object::Text(text) => json!(text),
        Object::Lang(text, lang) => json!({"@value": text, "@language": lang}),
        Object::Typed(text, datatype) => json!({"@value": text, "@type": expand(datatype)}),
    }
}

/// The graph as JSON-LD.
pub fn to_jsonld(nodes: &[Node]) -> Value {
    let context: Map<String, Value> = PREFIXES.iter().map(|(p, iri)| (p.to_string(), json!(iri))).collect();
    let graph: Vec<Value> = nodes
        .iter()
        .map(|node| {
            let mut object = Map::new();
            object.insert("@id".into(), json!(node.id));
            object.insert("@type".into(), json!(node.types.iter().map(|t| expand(t)).collect::<Vec<_>>()));
            for (predicate, value) in &node.properties {
                let entry = object.entry(expand(predicate)).or_insert_with(|| Value::Array(Vec::new()));
                entry.as_array_mut().expect("arrays").push(jsonld_object(value));
            }
            Value::Object(object)
        })
        .collect();
    json!({"@context": context, "@graph": graph})
}

fn turtle_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn turtle_iri(iri: &str) -> String {
    let escaped: String = iri
        .chars()
        .flat_map(|c| match c {
            '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\' | ' ' => {
                format!("%{:02X}", c as u32).chars().collect()
            }
            c => vec![c],
        })
        .collect();
    format!("<{escaped}>")
}

fn turtle_object(object: &Object) -> String {
    match object {
        Object::Iri(iri) => turtle_iri(iri),
        Object::Text(text) => turtle_string(text),
        Object::Lang(text, lang) => format!("{}@{lang}", turtle_string(text)),
        Object::Typed(text, datatype) => format!("{}^^{datatype}", turtle_string(text)),
    }
}

/// The graph as Turtle.
pub fn to_turtle(nodes: &[Node]) -> String {
    let mut out: String = PREFIXES.iter().map(|(p, iri)| format!("@prefix {p}: <{iri}> .\n")).collect();
    for node in nodes {
        out.push('\n');
        out.push_str(&turtle_iri(&node.id));
        out.push_str(&format!("\n    a {}", node.types.join(", ")));
        for (predicate, value) in &node.properties {
            out.push_str(&format!(" ;\n    {predicate} {}", turtle_object(value)));
        }
        out.push_str(" .\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_serializations_say_the_same() {
        let mut node = Node::new("https://example.org/d", "dcat:Dataset");
        node.both("dct:title", "Заходи \"2024\"", "Activities")
            .add("dct:modified", Object::Typed("2024-01-01T00:00:00Z".into(), "xsd:dateTime"));
        let ld = to_jsonld(std::slice::from_ref(&node));
        assert_eq!(ld["@graph"][0]["@type"], json!(["http://www.w3.org/ns/dcat#Dataset"]));
        assert_eq!(
            ld["@graph"][0]["http://purl.org/dc/terms/title"][0],
            json!({"@value": "Заходи \"2024\"", "@language": "uk"})
        );
        let ttl = to_turtle(&[node]);
        assert!(
            ttl.contains("<https://example.org/d>\n    a dcat:Dataset ;\n    dct:title \"Заходи \\\"2024\\\"\"@uk ;"),
            "{ttl}"
        );
        assert!(ttl.contains("dct:modified \"2024-01-01T00:00:00Z\"^^xsd:dateTime .\n"), "{ttl}");
    }
}

//! `multipart/form-data` bodies, for uploads.

/// One field of a form: a value, or a file when it has a file name.
pub struct Part<'a> {
    pub name: &'a str,
    pub file_name: Option<&'a str>,
    pub bytes: &'a [u8],
}

impl<'a> Part<'a> {
    pub fn value(name: &'a str, value: &'a str) -> Self {
        Self { name, file_name: None, bytes: value.as_bytes() }
    }

    pub fn file(name: &'a str, file_name: &'a str, bytes: &'a [u8]) -> Self {
        Self { name, file_name: Some(file_name), bytes }
    }
}

/// The content type and body of a form of `parts`.
pub fn form(parts: &[Part]) -> (String, Vec<u8>) {
    let boundary = format!("----intercoop-test-{}", uuid::Uuid::new_v4().simple());
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let disposition = match part.file_name {
            Some(file) => format!(
                "Content-Disposition: form-data; name=\"{}\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n",
                part.name
            ),
            None => format!("Content-Disposition: form-data; name=\"{}\"\r\n", part.name),
        };
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(part.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

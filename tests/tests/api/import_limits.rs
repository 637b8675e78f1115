//! What one upload may cost: a report holds at most a year's events, and a Word document unpacks to a bounded size.

use intercoop_persistence::seed;
use intercoop_tests::db_test;

use crate::import::structure_only;
use crate::import_upload::upload;
use crate::reports::MONTHS;

/// A Word document (a zip, deflated) whose `word/document.xml` is `parts` one after another.
fn docx_of<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut docx = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut docx);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    for part in parts {
        std::io::Write::write_all(&mut zip, part).unwrap();
    }
    zip.finish().unwrap();
    docx.into_inner()
}

/// A report in the filed reports' shape whose row of measure 1.2 tells `events` dated events.
pub(crate) fn report_of(events: usize) -> String {
    let paragraphs: Vec<String> = (0..events)
        .map(|n| format!("<p>{:02} {} 2024 року зустріч {n}.</p>", n % 28 + 1, MONTHS[n / 28 % 12]))
        .collect();
    format!("1.2\t<p>Проведення виїзних робочих зустрічей</p>\t{}\n", paragraphs.join(" "))
}

db_test! {
    async fn a_report_with_more_events_than_a_year_holds_is_refused(app) {
        seed::load(&app.db, &structure_only()).await.unwrap();
        let limit = intercoop_operations::imports::MAX_EVENTS;
        let response = upload(&app, report_of(limit + 1).as_bytes(), "2024").await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.json()["errors"][0]["code"], "too_many_events");
        assert!(response.json()["errors"][0]["message"].as_str().unwrap().contains(&limit.to_string()));
        assert_eq!(app.count_rows("report_imports").await, 0);
        let most = upload(&app, report_of(limit).as_bytes(), "2024").await.expect(201);
        assert_eq!(most["summary"]["dated_events"], limit);
    }
}

db_test! {
    async fn a_document_that_unpacks_past_the_limit_is_refused_as_unreadable(app) {
        seed::load(&app.db, &structure_only()).await.unwrap();
        let paragraphs = b"<w:p></w:p>".repeat((1 << 20) / 11);
        let bomb = docx_of(std::iter::repeat_n(paragraphs.as_slice(), (intercoop_operations::imports::UNPACKED_MAX >> 20) + 2));
        assert!(bomb.len() < 256 * 1024, "the bomb fits the upload limit: {} bytes", bomb.len());
        let response = upload(&app, &bomb, "2024").await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.json()["errors"][0]["code"], "unreadable");
        assert!(response.text.contains("MiB unpacked"), "{}", response.text);
    }
}

db_test! {
    async fn a_document_with_a_run_of_text_no_report_has_is_refused(app) {
        seed::load(&app.db, &structure_only()).await.unwrap();
        let spaces = vec![b' '; 3 << 20];
        let response = upload(&app, &docx_of([spaces.as_slice()]), "2024").await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.json()["errors"][0]["code"], "unreadable");
        assert!(response.text.contains("without markup"), "{}", response.text);
    }
}

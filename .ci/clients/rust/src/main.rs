//! The scenario every generated client runs, here with openapi-generator's Rust client used as generated: sign in,
//! create a partner and an activity under measure 1.2 with it, publish the activity, find it in the year's report
//! (JSON), and download the report as a Word document.
//! Usage: intercoop-client-scenario BASE_URL ADMIN_PASSWORD

use intercoop_client::apis::configuration::Configuration;
use intercoop_client::apis::{activities_api, auth_api, partners_api, programmes_api, reports_api};
use intercoop_client::models::{
    ActivityDraft, ActivityKind, CountryCode, LocalizedText, PartnerDraft, PartnerKind, PartnerLink, PartnerRole,
    PublicationState, ReportFormat,
};

fn text(uk: &str, en: &str) -> LocalizedText {
    LocalizedText { en: Some(Some(en.to_owned())), ..LocalizedText::new(uk.to_owned()) }
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (base, password) = (args.next().expect("BASE_URL"), args.next().expect("ADMIN_PASSWORD"));
    let mut config = Configuration { base_path: base.clone(), ..Configuration::default() };
    let token = auth_api::issue_token(&config, "password", Some("admin"), Some(&password), None, None, None)
        .await
        .expect("signing in");
    config.bearer_access_token = Some(token.access_token);

    let name = format!("Вроцлав {}", uuid::Uuid::new_v4().simple().to_string().get(..6).unwrap());
    let partner = PartnerDraft {
        country: Some(Some(CountryCode::Pl)),
        ..PartnerDraft::new(text(&name, &name), PartnerKind::PartnerCity)
    };
    let partner = partners_api::create_partner(&config, partner, None).await.expect("creating a partner");
    let programme = programmes_api::list_programmes(&config, Some(2024), None, None, None).await.expect("programmes");
    let programme = &programme.items[0];
    let measures = programmes_api::list_measures(&config, None, None, Some("1.2"), None, None, None).await;
    let measure = &measures.expect("measures").items[0];
    let title = format!("Робоча зустріч з делегацією міста {name}");
    let draft = ActivityDraft {
        partners: Some(vec![PartnerLink { role: Some(PartnerRole::Participant), ..PartnerLink::new(partner.id) }]),
        ..ActivityDraft::new(
            text(&title, &format!("Working meeting with {name}")),
            ActivityKind::Meeting,
            chrono::NaiveDate::from_ymd_opt(2024, 11, 5).unwrap(),
            vec![measure.id],
        )
    };
    let activity = activities_api::create_activity(&config, draft, None).await.expect("creating an activity");
    let id = activity.id.to_string();
    let published = activities_api::publish_activity(&config, &id, None).await.expect("publishing");
    assert_eq!(published.publication, PublicationState::Published);

    let programme_id = programme.id.to_string();
    let report = reports_api::get_report(&config, &programme_id, 2024, Some(ReportFormat::Json), None, None)
        .await
        .expect("the report as JSON");
    assert!(format!("{report:?}").contains(&title), "the report lists the new activity");
    // The generator types an operation's answer by its first media type (the report's JSON); the Word document
    // comes through the generated configuration's own HTTP client, with its token.
    let word = config
        .client
        .get(format!("{base}/api/v1/programmes/{programme_id}/reports/2024?format=docx"))
        .bearer_auth(config.bearer_access_token.as_deref().unwrap_or_default())
        .send()
        .await
        .expect("the Word report");
    assert!(word.status().is_success(), "the Word report: {}", word.status());
    let bytes = word.bytes().await.expect("the Word report's bytes");
    assert!(bytes.len() > 10_000 && bytes.starts_with(b"PK"), "the Word report is a zip (docx)");
    println!(
        "ok   rust: signed in, created {} and {id}, published, found it in the report, downloaded {} bytes of DOCX",
        partner.id,
        bytes.len()
    );
}

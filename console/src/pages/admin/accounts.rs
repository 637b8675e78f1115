//! The accounts: people and service accounts, with their roles, units and whether they may sign in.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::roles::Admin;
use intercoop_operations::accounts::{service_accounts, users};
use intercoop_operations::{Database, PageRequest};

use crate::page::{PageError, Shell, render};
use crate::session::Staff;

pub struct AccountRow {
    pub id: String,
    pub name: String,
    pub login: String,
    pub role: String,
    pub unit: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "admin/accounts.html")]
struct AccountsPage {
    shell: Shell,
    people: Vec<AccountRow>,
    services: Vec<AccountRow>,
}

pub async fn show(req: HttpRequest, staff: Staff<Admin>, db: web::Data<Database>) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let failed = |e| PageError::from_operation(tr.lang, e);
    let all = PageRequest { limit: 1000, offset: 0 };
    let people = users::list(&db, staff.caller(), all).await.map_err(failed)?;
    let services = service_accounts::list(&db, staff.caller(), all).await.map_err(failed)?;
    let page = AccountsPage {
        shell: Shell::new(&req, &staff, "admin", tr.t("admin-accounts")),
        people: people
            .items
            .iter()
            .map(|u| AccountRow {
                id: u.id.to_string(),
                name: u.display_name.clone(),
                login: u.username.clone(),
                role: tr.term("role", &u.role),
                unit: u.unit.clone().unwrap_or_default(),
                active: u.active,
            })
            .collect(),
        services: services
            .items
            .iter()
            .map(|a| AccountRow {
                id: a.id.to_string(),
                name: a.name.clone(),
                login: a.client_id.clone(),
                role: tr.term("role", &a.role),
                unit: a.unit.clone().unwrap_or_default(),
                active: a.active,
            })
            .collect(),
    };
    render(&page)
}

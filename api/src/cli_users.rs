//! `intercoop user add|list|disable|passwd`: accounts from the shell.

use std::io::{BufRead, IsTerminal};

use clap::Subcommand;
use intercoop_persistence::users::{self, NewUser};
use intercoop_persistence::{Actor, Database, PageRequest};

use crate::auth::Role;
use intercoop_operations::accounts::passwords;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from standard input when it is not a terminal, else generated and
    /// printed.
    Add {
        username: String,
        #[arg(long, value_parser = crate::cli_users::role_arg)]
        role: Role,
        #[arg(long)]
        display_name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// The organisational unit the person works for.
        #[arg(long)]
        unit: Option<String>,
    },
    /// List the accounts.
    List,
    /// Disable an account: it can no longer sign in, and its tokens stop working.
    Disable { username: String },
    /// Set a new password (read from standard input when it is not a terminal, else generated and printed).
    Passwd { username: String },
}

fn password() -> anyhow::Result<(String, bool)> {
    if std::io::stdin().is_terminal() {
        return Ok((passwords::random_password(), true));
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    passwords::check_strength(&password).map_err(anyhow::Error::msg)?;
    Ok((password, false))
}

pub async fn run(db: &Database, command: UserCommand) -> anyhow::Result<()> {
    let actor = Actor::system("command line");
    match command {
        UserCommand::Add { username, role, display_name, email, unit } => {
            let (password, generated) = password()?;
            let new = NewUser {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username,
                email,
                role: role.as_str().into(),
                unit,
                password_hash: passwords::hash(&password)?,
            };
            let user = users::create(db, &actor, new).await?;
            println!("created {} ({})", user.username, user.role);
            if generated {
                println!("password: {password}");
            }
        }
        UserCommand::List => {
            let page = users::list(db, PageRequest { limit: 200, offset: 0 }).await?;
            for u in page.items {
                let state = if u.active { "active" } else { "disabled" };
                println!("{}\t{}\t{}\t{}\t{}", u.username, u.role, u.unit.unwrap_or_default(), state, u.display_name);
            }
        }
        UserCommand::Disable { username } => {
            let user =
                users::by_username(db, &username).await?.ok_or_else(|| anyhow::anyhow!("no account '{username}'"))?;
            users::update(db, &actor, user.id, |u| Ok::<_, anyhow::Error>(users::User { active: false, ..u.clone() }))
                .await?;
            println!("disabled {username}");
        }
        UserCommand::Passwd { username } => {
            let user =
                users::by_username(db, &username).await?.ok_or_else(|| anyhow::anyhow!("no account '{username}'"))?;
            let (password, generated) = password()?;
            let hash = passwords::hash(&password)?;
            users::update(db, &actor, user.id, |u| {
                Ok::<_, anyhow::Error>(users::User { password_hash: hash, ..u.clone() })
            })
            .await?;
            println!("changed the password of {username}");
            if generated {
                println!("password: {password}");
            }
        }
    }
    Ok(())
}

/// Reads a role named on the command line.
pub fn role_arg(text: &str) -> Result<Role, String> {
    Role::parse(text).ok_or_else(|| {
        let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        format!("'{text}' is not a role; one of {}", names.join(", "))
    })
}

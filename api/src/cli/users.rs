//! `intercoop user add|list|disable|passwd`: accounts from the shell.

use std::io::{BufRead, IsTerminal};

use clap::Subcommand;
use intercoop_operations::accounts::users::{self, NewUserRequest};
use intercoop_operations::{Caller, Database, PageRequest};

use crate::auth::Role;
use intercoop_operations::accounts::passwords;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from standard input when it is not a terminal, else generated and
    /// printed.
    Add {
        username: String,
        #[arg(long, value_parser = crate::cli::users::role_arg())]
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
    let caller = Caller::system("command line");
    match command {
        UserCommand::Add { username, role, display_name, email, unit } => {
            let (password, generated) = password()?;
            let request = NewUserRequest {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username,
                email,
                role,
                unit,
                password: password.clone(),
            };
            let user = users::create(db, &caller, request).await?;
            println!("created {} ({})", user.username, user.role);
            if generated {
                println!("password: {password}");
            }
        }
        UserCommand::List => {
            let page = users::list(db, &caller, PageRequest { limit: 200, offset: 0 }).await?;
            for u in page.items {
                let state = if u.active { "active" } else { "disabled" };
                println!("{}\t{}\t{}\t{}\t{}", u.username, u.role, u.unit.unwrap_or_default(), state, u.display_name);
            }
        }
        UserCommand::Disable { username } => {
            users::disable(db, &caller, &username).await?;
            println!("disabled {username}");
        }
        UserCommand::Passwd { username } => {
            users::by_username(db, &caller, &username).await?;
            let (password, generated) = password()?;
            users::set_password(db, &caller, &username, &password).await?;
            println!("changed the password of {username}");
            if generated {
                println!("password: {password}");
            }
        }
    }
    Ok(())
}

/// Reads a role named on the command line; `--help` lists them.
pub fn role_arg() -> impl clap::builder::TypedValueParser<Value = Role> {
    let names: Vec<&'static str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    clap::builder::TypedValueParser::map(clap::builder::PossibleValuesParser::new(names), |name: String| {
        Role::parse(&name).expect("one of the roles listed")
    })
}

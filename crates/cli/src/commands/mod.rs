//! One module per subcommand; each turns checked arguments into library calls and output.

mod admin;
mod care;
mod design;
mod plan;
mod policy;
mod runtime;
mod screen;
mod serve;

use crate::args::{AdminAction, Cli, Command, PolicyAction};
use crate::failure::Failure;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Policy {
            action: PolicyAction::Show { policy, json },
        } => policy::show(policy.as_deref(), json),
        Command::Screen(args) => screen::run(&args),
        Command::Plan(args) => plan::run(&args),
        Command::Care(args) => care::run(&args),
        Command::Design(args) => design::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Admin { action } => match action {
            AdminAction::CreateUser {
                email,
                role,
                name,
                database,
            } => admin::create_user(&database.database_url, &email, role, name.as_deref()),
            AdminAction::Token {
                email,
                label,
                database,
            } => admin::token(&database.database_url, &email, &label),
        },
    }
}

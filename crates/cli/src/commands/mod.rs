//! One module per subcommand; each turns checked arguments into library calls and output.

mod care;
mod design;
mod plan;
mod policy;
mod screen;

use crate::args::{Cli, Command, PolicyAction};
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
    }
}

//! Integration tests of the `smp` binary: one test target, one module per topic.
//!
//! Every test runs the real binary with `std::process::Command` and checks its exit code,
//! its output (text and `--json`) and, for bad input, the exact message on stderr.

#[path = "cli/support.rs"]
mod support;

#[path = "cli/bad_input.rs"]
mod bad_input;
#[path = "cli/bad_policy.rs"]
mod bad_policy;
#[path = "cli/care.rs"]
mod care;
#[path = "cli/design.rs"]
mod design;
#[path = "cli/mail.rs"]
mod mail;
#[path = "cli/plan.rs"]
mod plan;
#[path = "cli/policy.rs"]
mod policy;
#[path = "cli/screen.rs"]
mod screen;
#[path = "cli/serve.rs"]
mod serve;

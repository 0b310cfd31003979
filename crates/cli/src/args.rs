//! The command line, parsed by clap; values are checked as they are parsed.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use smp_treatment::Area;

/// smp: the system a scalp micropigmentation clinic runs on.
#[derive(Debug, Parser)]
#[command(name = "smp", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the clinic policy: every rule's value, where it came from, and its sources.
    Policy {
        /// What to do with the policy.
        #[command(subcommand)]
        action: PolicyAction,
    },
    /// Screen a client's health questionnaire against the contraindications.
    Screen(ScreenArgs),
    /// Plan a course of sessions around the healing rules and the client's own plans.
    Plan(PlanArgs),
    /// Print the dated pre-care and aftercare instructions around one session.
    Care(CareArgs),
    /// Design the dots: hairline, density, sessions and shade, with pictures and a map.
    Design(DesignArgs),
    /// Run the clinic web app.
    Serve(ServeArgs),
    /// Manage staff accounts and API tokens from the command line.
    Admin {
        /// What to do.
        #[command(subcommand)]
        action: AdminAction,
    },
}

/// The database every command that stores something uses.
#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// `sqlite:PATH` (an embedded file, the default) or `postgres://USER@HOST/DB`.
    #[arg(
        long,
        env = "SMP_DATABASE_URL",
        value_name = "URL",
        default_value = smp_store::DEFAULT_DATABASE_URL,
        hide_env_values = true
    )]
    pub database_url: String,
}

/// `smp serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(
        long,
        env = "SMP_ADDR",
        value_name = "IP:PORT",
        default_value = "127.0.0.1:8080"
    )]
    pub addr: std::net::SocketAddr,
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Seed a demo clinic (accounts, clients, appointments) when it is not there, and
    /// print how to log in.
    #[arg(long)]
    pub demo: bool,
    /// The clinic's mail server, for reminders: `smtp://host:25`, `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host:465`. Without it, messages wait in the outbox.
    #[arg(long, env = "SMP_SMTP_URL", value_name = "URL")]
    pub smtp_url: Option<String>,
    /// A certificate authority (PEM file) to trust for the mail server's TLS besides the
    /// public ones: for a server whose certificate the clinic's own authority signed.
    #[arg(long, env = "SMP_SMTP_CA", value_name = "FILE", requires = "smtp_url")]
    pub smtp_ca: Option<std::path::PathBuf>,
    /// Who email comes from, such as "Ink & Dot <hello@inkanddot.example>".
    #[arg(
        long,
        env = "SMP_MAIL_FROM",
        value_name = "ADDRESS",
        requires = "smtp_url"
    )]
    pub mail_from: Option<String>,
    /// How often the outbox is looked at, in seconds.
    #[arg(
        long,
        env = "SMP_MAIL_POLL_SECONDS",
        value_name = "SECONDS",
        default_value_t = 15
    )]
    pub mail_poll_seconds: u64,
    /// A reverse proxy in front of the app (its IP address; repeat for several): from it,
    /// the client's address for rate limits and the audit log is read from
    /// `X-Forwarded-For`. From anyone else that header is ignored.
    #[arg(
        long = "trusted-proxy",
        env = "SMP_TRUSTED_PROXIES",
        value_name = "IP",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Where clients reach the app, for the links in their email (such as
    /// `https://book.inkanddot.example`); by default `http://` and the address listened on.
    #[arg(long, env = "SMP_PUBLIC_URL", value_name = "URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,
}

/// A public URL: `http://` or `https://` and a host, nothing after the path.
fn parse_public_url(text: &str) -> Result<String, String> {
    let trimmed = text.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or_else(|| format!("{text:?} must start with http:// or https://"))?;
    if rest.is_empty() || rest.contains(['?', '#', ' ']) {
        return Err(format!(
            "{text:?} must be a host (and path) without a query"
        ));
    }
    Ok(trimmed.to_owned())
}

/// What `smp admin` can do.
#[derive(Debug, Subcommand)]
pub enum AdminAction {
    /// Create a staff account; the password is read from the first line of standard input.
    CreateUser {
        /// The login email.
        #[arg(long, value_name = "EMAIL")]
        email: String,
        /// What the account may do.
        #[arg(long, value_name = "ROLE", value_parser = parse_role)]
        role: smp_store::Role,
        /// The name shown in the app (the email when not given).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Print a new API bearer token for a staff account.
    Token {
        /// The account's login email.
        #[arg(long, value_name = "EMAIL")]
        email: String,
        /// What the token is for, to recognise it later.
        #[arg(long, value_name = "TEXT", default_value = "command line")]
        label: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

fn parse_role(text: &str) -> Result<smp_store::Role, String> {
    smp_store::Role::parse(text)
        .ok_or_else(|| format!("unknown role {text:?}; known: owner, practitioner, front_desk"))
}

/// What `smp policy` can do.
#[derive(Debug, Subcommand)]
pub enum PolicyAction {
    /// Print the effective policy.
    Show {
        /// A clinic policy file (TOML) over the defaults.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Flags shared by every command that applies the policy.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// A clinic policy file (TOML) over the defaults.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `smp screen`.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The answers file (JSON).
    #[arg(long, value_name = "FILE.json")]
    pub answers: PathBuf,
    /// The day to screen for; today (in the local time zone) when not given.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub on: Option<Date>,
    #[command(flatten)]
    pub common: PolicyArgs,
}

/// `smp plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The area to treat.
    #[arg(long, value_name = "AREA", value_parser = parse_area)]
    pub area: Area,
    /// The first day the first session may be.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub start: Date,
    /// Number of sessions (the policy's default when not given).
    #[arg(long, value_name = "N")]
    pub sessions: Option<u32>,
    /// The client's own dated plans (JSON array).
    #[arg(long, value_name = "FILE.json")]
    pub events: Option<PathBuf>,
    /// The client's health questionnaire: the course starts after any waiting period, and
    /// no course is planned for a client who is not a candidate.
    #[arg(long, value_name = "FILE.json")]
    pub answers: Option<PathBuf>,
    /// The day the answers are screened for (with `--answers`); today when not given.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "answers")]
    pub on: Option<Date>,
    /// The clinic's IANA time zone (the system's when not given).
    #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
    pub tz: Option<TimeZone>,
    #[command(flatten)]
    pub common: PolicyArgs,
}

/// `smp care`.
#[derive(Debug, Args)]
pub struct CareArgs {
    /// The session's local start.
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM", value_parser = parse_datetime)]
    pub session: DateTime,
    /// The clinic's IANA time zone (the system's when not given).
    #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
    pub tz: Option<TimeZone>,
    /// This is the course's final session.
    #[arg(long = "final")]
    pub is_final: bool,
    #[command(flatten)]
    pub common: PolicyArgs,
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|err| format!("not a date that exists (YYYY-MM-DD): {err}"))
}

fn parse_datetime(text: &str) -> Result<DateTime, String> {
    text.parse::<DateTime>()
        .map_err(|err| format!("not a local date and time (YYYY-MM-DDTHH:MM): {err}"))
}

fn parse_zone(text: &str) -> Result<TimeZone, String> {
    jiff::tz::db()
        .get(text)
        .map_err(|_| format!("no IANA time zone is called \"{text}\" (for example Europe/London)"))
}

fn parse_area(text: &str) -> Result<Area, String> {
    Area::parse(text).ok_or_else(|| format!("unknown area; known: {}", Area::known_names()))
}

/// `smp design`.
#[derive(Debug, Args)]
pub struct DesignArgs {
    /// The hair-loss pattern: norwood-1 … norwood-7, norwood-3v, ludwig-1 … ludwig-3,
    /// diffuse, alopecia-areata, alopecia-totalis, scar-fut, scar-fue, or custom (with
    /// `--area`).
    #[arg(long, value_name = "PATTERN")]
    pub pattern: String,
    /// The hairline style: conservative, modern, edge-up, widows-peak, soft.
    #[arg(long, value_name = "STYLE", default_value = "modern")]
    pub hairline: String,
    /// Number of sessions, 1-4.
    #[arg(long, default_value_t = 3)]
    pub sessions: u32,
    /// The random seed: the same arguments and seed give the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Skin colour: #rrggbb or a Monk tone monk-1 … monk-10.
    #[arg(long, value_name = "HEX|monk-N", default_value = "monk-3")]
    pub skin: String,
    /// Hair colour: black, dark-brown, brown, light-brown, grey, white, or #rrggbb.
    #[arg(long, value_name = "NAME|HEX", default_value = "black")]
    pub hair: String,
    /// Years after the final session the pictures show (0: freshly healed).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0.0,
        allow_negative_numbers = true
    )]
    pub years: f32,
    /// Show the pictures fresh, this many days after the final session, instead of healed.
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "years",
        allow_negative_numbers = true
    )]
    pub days: Option<f32>,
    /// Front hairline height above the glabella, mm (default 80).
    #[arg(long, value_name = "MM", allow_negative_numbers = true)]
    pub hairline_height: Option<f32>,
    /// How far the temple corners sit behind the centre of the hairline, mm.
    #[arg(long, value_name = "MM", allow_negative_numbers = true)]
    pub temple_recess: Option<f32>,
    /// Half the distance between the temple points, mm.
    #[arg(long, value_name = "MM", allow_negative_numbers = true)]
    pub temple_width: Option<f32>,
    /// Hairline irregularity: 0 a ruler's line, 1 natural, 2 very irregular.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub irregularity: Option<f32>,
    /// Diffuse thinning: the fraction of natural hair that remains (0.05-0.95).
    #[arg(long, value_name = "F", allow_negative_numbers = true)]
    pub remaining: Option<f32>,
    /// Alopecia areata: the number of patches.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub patches: Option<u32>,
    /// FUT strip scar: width and length in mm, as WIDTHxLENGTH (e.g. 8x200).
    #[arg(long, value_name = "WxL")]
    pub scar: Option<String>,
    /// FUE: the number of extraction scars.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub scars: Option<u32>,
    /// With `--pattern custom`: the bald area as a JSON list of [x, y] corners in
    /// scalp-chart millimetres (x to the client's right, y towards the face, 0 at the vertex).
    #[arg(long, value_name = "FILE.json")]
    pub area: Option<PathBuf>,
    /// Sun exposure, for fading: low, medium, high.
    #[arg(long, value_name = "low|medium|high", default_value = "medium")]
    pub uv: String,
    /// Finished density where no hair remains, dots per cm² of skin.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 80.0,
        allow_negative_numbers = true
    )]
    pub density: f32,
    /// Side of each picture, pixels.
    #[arg(long, value_name = "PX", default_value_t = 1024)]
    pub size: u32,
    /// Where to write the files.
    #[arg(long, value_name = "DIR", default_value = "design")]
    pub out: PathBuf,
    /// Write design.json only.
    #[arg(long)]
    pub no_render: bool,
}

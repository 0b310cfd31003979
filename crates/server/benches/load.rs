//! The clinic app under load: `smp serve` (release build, embedded SQLite) answering 64
//! concurrent connections that search availability and book, for a fixed time. Prints the
//! latency percentiles per request kind, requests per second, errors, and the server's
//! peak memory (VmHWM). Run by `scripts/bench`, which builds the binary and passes its path
//! in `SMP_BIN`.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Concurrent connections.
const CONNECTIONS: usize = 64;
/// How long the load runs.
const DURATION: Duration = Duration::from_secs(15);

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn smp(bin: &str, args: &[&str], url: &str, stdin: &str) -> String {
    let mut child = Command::new(bin)
        .args(args)
        .args(["--database-url", url])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("smp runs");
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    let output = child.wait_with_output().expect("smp finishes");
    assert!(output.status.success(), "smp {args:?} failed");
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

/// Clients who each book a consultation, after the load, before one reminder's wording
/// changes.
const BOOKED_CLIENTS: usize = 400;

/// Books [`BOOKED_CLIENTS`] clients with an email a consultation each (days after the load's
/// 60), then changes the day-before note's wording, which writes every waiting message
/// afresh inside the request. Returns the change's time and the clients.
async fn wording_change(
    http: &reqwest::Client,
    base: &str,
    auth: &str,
    practitioner: i64,
    today: jiff::civil::Date,
) -> (Duration, usize) {
    let mut booked = 0;
    let mut client: Option<Value> = None;
    let mut day = today
        .checked_add(jiff::Span::new().days(61))
        .expect("a day");
    while booked < BOOKED_CLIENTS {
        let slots: Value = http
            .get(format!(
                "{base}/api/v1/availability?practitioner_id={practitioner}&service=consultation&from={day}&to={day}"
            ))
            .header("authorization", auth)
            .send()
            .await
            .expect("availability")
            .json()
            .await
            .expect("json");
        for slot in slots["slots"].as_array().expect("slots").iter() {
            if booked == BOOKED_CLIENTS {
                break;
            }
            // Slots overlap (they start every few minutes): a taken one is passed over, and
            // the client made for it books the next.
            let waiting = match client.take() {
                Some(client) => client,
                None => http
                    .post(format!("{base}/api/v1/clients"))
                    .header("authorization", auth)
                    .json(&json!({ "name": format!("Client {booked}"), "email": format!("c{booked}@load.test") }))
                    .send()
                    .await
                    .expect("a client")
                    .json::<Value>()
                    .await
                    .expect("json"),
            };
            let made = http
                .post(format!("{base}/api/v1/appointments"))
                .header("authorization", auth)
                .json(
                    &json!({ "practitioner_id": practitioner, "service": "consultation",
                               "client_id": waiting["id"], "starts_at": slot["starts_at"] }),
                )
                .send()
                .await
                .expect("a booking");
            match made.status().as_u16() {
                201 => booked += 1,
                409 => client = Some(waiting),
                other => panic!("a booking for client {booked}: {other}"),
            }
        }
        day = day.checked_add(jiff::Span::new().days(1)).expect("a day");
    }
    let t = Instant::now();
    let answer = http
        .put(format!("{base}/api/v1/reminders/consultation-1d"))
        .header("authorization", auth)
        .json(&json!({ "enabled": true, "subject": "See you tomorrow, {name}" }))
        .send()
        .await
        .expect("the change");
    let took = t.elapsed();
    assert!(
        answer.status().is_success(),
        "the change: {}",
        answer.status()
    );
    (took, booked)
}

/// Peak resident memory of a process, from /proc (Linux), in KiB.
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

#[derive(Default)]
struct Tally {
    availability: Vec<Duration>,
    booking: Vec<Duration>,
    created: usize,
    conflicts: usize,
    errors: usize,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let Ok(bin) = std::env::var("SMP_BIN") else {
        eprintln!("load: set SMP_BIN to a release `smp` binary (scripts/bench does)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("smp-load-{}", std::process::id()));
    let url = format!("sqlite:{}", dir.join("smp.db").display());
    smp(
        &bin,
        &[
            "admin",
            "create-user",
            "--email",
            "owner@load.test",
            "--role",
            "owner",
        ],
        &url,
        "a long enough password\n",
    );
    let token = smp(
        &bin,
        &["admin", "token", "--email", "owner@load.test"],
        &url,
        "",
    );
    let mut server = Command::new(&bin)
        .args(["serve", "--addr", "127.0.0.1:0", "--database-url", &url])
        .stdout(Stdio::piped())
        .spawn()
        .expect("smp serve starts");
    let mut line = String::new();
    BufReader::new(server.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("a line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .expect("an address")
        .to_owned();
    let base = format!("http://{addr}");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .build()
        .expect("a client");
    let auth = format!("Bearer {token}");
    let post = |path: &str, body: Value| {
        http.post(format!("{base}{path}"))
            .header("authorization", &auth)
            .json(&body)
            .send()
    };
    let practitioner: Value = post("/api/v1/practitioners", json!({ "name": "Load" }))
        .await
        .expect("post")
        .json()
        .await
        .expect("json");
    let p = practitioner["id"].as_i64().expect("an id");
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let hours: Vec<Value> = days
        .iter()
        .map(|d| json!({ "weekday": d, "start": "08:00", "end": "20:00" }))
        .collect();
    http.put(format!("{base}/api/v1/practitioners/{p}/hours"))
        .header("authorization", &auth)
        .json(&json!({ "hours": hours }))
        .send()
        .await
        .expect("hours");

    let tally = Arc::new(tokio::sync::Mutex::new(Tally::default()));
    let started = Instant::now();
    let today = jiff::Zoned::now().date();
    let workers: Vec<_> = (0..CONNECTIONS)
        .map(|worker| {
            let (http, base, auth, tally) = (http.clone(), base.clone(), auth.clone(), tally.clone());
            tokio::spawn(async move {
                let mut seed = 0x9e37_79b9_7f4a_7c15u64 ^ worker as u64;
                let mut next = move || {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed
                };
                while started.elapsed() < DURATION {
                    let day = today.checked_add(jiff::Span::new().days(1 + (next() % 60) as i64)).expect("a day");
                    let t = Instant::now();
                    let found = http
                        .get(format!("{base}/api/v1/availability?practitioner_id={p}&service=consultation&from={day}&to={day}"))
                        .header("authorization", &auth)
                        .send()
                        .await;
                    let took = t.elapsed();
                    let slots: Value = match found {
                        Ok(r) if r.status().is_success() => r.json().await.unwrap_or(Value::Null),
                        _ => {
                            tally.lock().await.errors += 1;
                            continue;
                        }
                    };
                    tally.lock().await.availability.push(took);
                    let Some(slot) = slots["slots"].as_array().and_then(|all| {
                        (!all.is_empty()).then(|| all[(next() % all.len() as u64) as usize].clone())
                    }) else {
                        continue;
                    };
                    let t = Instant::now();
                    let booked = http
                        .post(format!("{base}/api/v1/appointments"))
                        .header("authorization", &auth)
                        .json(&json!({ "practitioner_id": p, "service": "consultation", "starts_at": slot["starts_at"] }))
                        .send()
                        .await;
                    let took = t.elapsed();
                    let mut tally = tally.lock().await;
                    match booked.map(|r| r.status().as_u16()) {
                        Ok(201) => {
                            tally.created += 1;
                            tally.booking.push(took);
                        }
                        Ok(409) => {
                            tally.conflicts += 1;
                            tally.booking.push(took);
                        }
                        _ => tally.errors += 1,
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.await;
    }
    let elapsed = started.elapsed();
    let rewrite = wording_change(&http, &base, &auth, p, today).await;
    let peak = peak_kib(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);

    let mut tally = tally.lock().await;
    tally.availability.sort();
    tally.booking.sort();
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    let total = tally.availability.len() + tally.booking.len();
    let mut all: Vec<Duration> = tally
        .availability
        .iter()
        .chain(&tally.booking)
        .copied()
        .collect();
    all.sort();
    println!(
        "\n### The clinic app under load: {CONNECTIONS} connections, {} s, embedded SQLite\n",
        DURATION.as_secs()
    );
    println!("| requests | count | p50 | p95 | p99 | max |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (name, list) in [
        ("availability search (one day)", &tally.availability),
        ("booking (201 or 409)", &tally.booking),
        ("all", &all),
    ] {
        println!(
            "| {name} | {} | {} | {} | {} | {} |",
            list.len(),
            ms(percentile(list, 0.5)),
            ms(percentile(list, 0.95)),
            ms(percentile(list, 0.99)),
            ms(list.last().copied().unwrap_or_default())
        );
    }
    println!();
    println!(
        "- requests per second: **{:.0}** ({total} in {:.1} s)",
        total as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64()
    );
    println!(
        "- bookings made: {}, refused as taken (409): {}, errors (5xx or transport): **{}**",
        tally.created, tally.conflicts, tally.errors
    );
    match peak {
        Some(kib) => println!(
            "- server peak memory (VmHWM): **{:.1} MiB**",
            kib as f64 / 1024.0
        ),
        None => println!("- server peak memory: not readable on this system"),
    }
    let (took, clients) = rewrite;
    println!(
        "- a reminder's wording changed with {clients} clients booked (every waiting message \
         written afresh in the request): **{}**",
        ms(took)
    );
    let p99 = percentile(&all, 0.99);
    let met = p99 < Duration::from_millis(20) && tally.errors == 0;
    println!(
        "- p99 over all requests: **{}** (aim < 20 ms with no errors): {}",
        ms(p99),
        if met { "met" } else { "**not met**" }
    );
}

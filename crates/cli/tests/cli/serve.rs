//! `smp serve` and `smp admin`: the real binary, a real database, HTTP on a real socket.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use smp_store::{Backend, Store};

use crate::support::command;

/// A fresh database URL (and the SQLite directory to remove) on `backend`.
pub(crate) fn fresh_database(backend: Backend) -> (String, Option<std::path::PathBuf>) {
    runtime().block_on(smp_store::testing::fresh_url(backend))
}

pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Runs `smp` with `args` against `url`, with `stdin` as input.
pub(crate) fn smp_with_input(args: &[&str], url: &str, stdin: &str) -> crate::support::Run {
    let mut child = command()
        .args(args)
        .args(["--database-url", url])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("smp runs");
    // The command may refuse its arguments and exit before it reads its input.
    let written = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    let output = child.wait_with_output().expect("smp finishes");
    crate::support::Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8"),
    }
}

/// An owner account and a token for it.
fn owner_token(url: &str) -> String {
    smp_with_input(
        &[
            "admin",
            "create-user",
            "--email",
            "owner@clinic.test",
            "--role",
            "owner",
        ],
        url,
        "a long enough password\n",
    )
    .ok();
    let run = smp_with_input(&["admin", "token", "--email", "OWNER@clinic.test"], url, "");
    let token = run.ok().trim().to_owned();
    assert!(
        token.starts_with("smp_") && token.len() == 68,
        "not a token: {token:?}"
    );
    token
}

/// `smp serve` on a free port; returns the process and its address.
fn serve(url: &str) -> (Child, String) {
    serve_with(url, &[])
}

/// `smp serve` on a free port with more arguments.
pub(crate) fn serve_with(url: &str, more: &[&str]) -> (Child, String) {
    let mut child = command()
        .args(["serve", "--addr", "127.0.0.1:0", "--database-url", url])
        .args(more)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("smp serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("a first line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    (child, addr)
}

/// One HTTP/1.1 request on its own connection: the status and the body.
fn http(
    addr: &str,
    method: &str,
    path: &str,
    token: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr)?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes())?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status in {response:?}")))?;
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    Ok((status, body))
}

fn id_of(body: &str) -> i64 {
    let value: serde_json::Value = serde_json::from_str(body).expect("JSON");
    value["id"].as_i64().expect("an id")
}

#[test]
fn a_new_owner_gets_a_token_and_the_served_app_answers_with_it() {
    let (url, dir) = fresh_database(Backend::Sqlite);
    let token = owner_token(&url);
    let (mut child, addr) = serve(&url);
    assert_eq!(
        http(&addr, "GET", "/health", "", "").expect("health"),
        (200, r#"{"status":"ok"}"#.to_owned())
    );
    let (status, body) = http(
        &addr,
        "POST",
        "/api/v1/practitioners",
        &token,
        r#"{"name":"Alex"}"#,
    )
    .expect("post");
    assert_eq!(status, 201, "{body}");
    let (status, _) = http(&addr, "GET", "/api/v1/practitioners", "smp_wrong", "").expect("get");
    assert_eq!(status, 401);
    child.kill().expect("stop");
    let _ = child.wait();
    if let Some(dir) = dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn the_demo_clinic_is_seeded_once_and_its_owner_can_get_a_token() {
    let (url, dir) = fresh_database(Backend::Sqlite);
    for _ in 0..2 {
        let (mut child, addr) = serve_with(&url, &["--demo"]);
        assert_eq!(
            http(&addr, "GET", "/health", "", "").expect("health").0,
            200
        );
        child.kill().expect("stop");
        let _ = child.wait();
    }
    runtime().block_on(async {
        let store = Store::open(&url).await.expect("opens");
        assert_eq!(
            store.search_clients("", 100).await.expect("clients").len(),
            12
        );
        assert_eq!(store.practitioners().await.expect("practitioners").len(), 2);
        let mut courses = Vec::new();
        for client in store.search_clients("", 100).await.expect("clients") {
            courses.extend(store.courses_of_client(client.id).await.expect("courses"));
        }
        assert_eq!(
            courses.len(),
            7,
            "a course for every client past the consultation"
        );
        for course in &courses {
            let booked = store.sessions_of_course(course.id).await.expect("sessions");
            assert_eq!(booked.len() as i64, course.course.sessions, "{course:?}");
        }
        let finished = courses
            .iter()
            .find(|c| c.course.area == "ludwig-2")
            .expect("Aisha's finished course");
        let paid = store
            .payments_of_course(finished.id)
            .await
            .expect("payments");
        assert_eq!(
            paid.len() as i64,
            finished.course.sessions,
            "each session done is paid"
        );
        let clinic = store.clinic().await.expect("clinic").expect("set");
        assert_eq!(
            (clinic.name.as_str(), clinic.time_zone.as_str()),
            ("Demo SMP Clinic", "Europe/London")
        );
        store.close().await;
    });
    let token = smp_with_input(
        &["admin", "token", "--email", "owner@demo.smp.test"],
        &url,
        "",
    );
    assert!(token.ok().starts_with("smp_"));
    if let Some(dir) = dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn admin_commands_refuse_bad_input_by_field() {
    let (url, dir) = fresh_database(Backend::Sqlite);
    let create = |email: &str, password: &str| {
        smp_with_input(
            &[
                "admin",
                "create-user",
                "--email",
                email,
                "--role",
                "practitioner",
            ],
            &url,
            password,
        )
    };
    create("not-an-email", "a long enough password\n")
        .refused_with("error: --email: \"not-an-email\" is not an email address");
    create("p@clinic.test", "short\n")
        .refused_with("error: password: the password must be at least 10 characters");
    create("p@clinic.test", "")
        .refused_with("error: password: give the new password on standard input (one line)");
    create("p@clinic.test", "a long enough password\n").ok();
    create("P@Clinic.test", "a long enough password\n")
        .refused_with("error: --email: an account for P@Clinic.test already exists");
    smp_with_input(
        &["admin", "token", "--email", "nobody@clinic.test"],
        &url,
        "",
    )
    .refused_with("error: --email: there is no account for nobody@clinic.test");
    smp_with_input(&["admin", "token", "--email", "p@clinic.test"], "mysql://db/smp", "")
        .refused_with("error: --database-url: the database URL must start with sqlite: or postgres:, not \"mysql://db/smp\"");
    let role = smp_with_input(
        &[
            "admin",
            "create-user",
            "--email",
            "x@clinic.test",
            "--role",
            "boss",
        ],
        &url,
        "",
    );
    assert_eq!(role.code, Some(2));
    assert!(
        role.stderr
            .contains("unknown role \"boss\"; known: owner, practitioner, front_desk"),
        "{}",
        role.stderr
    );
    if let Some(dir) = dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Streams bookings from four connections, kills `smp serve` with SIGKILL in the middle,
/// and checks that every booking that was acknowledged (201) is in the database, which
/// passes its integrity check.
fn a_killed_server_loses_no_acknowledged_booking(backend: Backend) {
    let (url, dir) = fresh_database(backend);
    let token = owner_token(&url);
    let (mut child, addr) = serve(&url);
    let (status, body) = http(
        &addr,
        "POST",
        "/api/v1/practitioners",
        &token,
        r#"{"name":"Alex"}"#,
    )
    .expect("post");
    assert_eq!(status, 201, "{body}");
    let practitioner = id_of(&body);
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let (addr, token, acknowledged, stop) = (addr.clone(), token.clone(), acknowledged.clone(), stop.clone());
            std::thread::spawn(move || {
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    // Each writer books its own day, one consultation per hour.
                    let start = 1_767_225_600 + writer * 86_400 * 400 + i * 3_600;
                    let body = format!(
                        r#"{{"practitioner_id":{practitioner},"service":"consultation","starts_at":"{}"}}"#,
                        jiff::Timestamp::from_second(start).expect("an instant")
                    );
                    match http(&addr, "POST", "/api/v1/appointments", &token, &body) {
                        Ok((201, body)) => acknowledged.lock().expect("lock").push(id_of(&body)),
                        Ok((status, body)) => panic!("booking {i}: {status} {body}"),
                        Err(_) => break, // the server is gone
                    }
                }
            })
        })
        .collect();
    while acknowledged.lock().expect("lock").len() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.join().expect("a writer");
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    runtime().block_on(async {
        let store = Store::open(&url)
            .await
            .expect("the database opens after the kill");
        assert_eq!(
            store.integrity_problems().await.expect("check"),
            Vec::<String>::new()
        );
        for id in &acknowledged {
            store
                .appointment(*id)
                .await
                .unwrap_or_else(|e| panic!("acknowledged booking {id} lost: {e}"));
        }
        store.close().await;
    });
    if let Some(dir) = dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn a_killed_server_loses_no_acknowledged_booking_on_sqlite() {
    a_killed_server_loses_no_acknowledged_booking(Backend::Sqlite);
}

#[test]
fn a_killed_server_loses_no_acknowledged_booking_on_postgres() {
    a_killed_server_loses_no_acknowledged_booking(Backend::Postgres);
}

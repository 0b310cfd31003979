//! A real SMTP server on loopback for tests: Debian's aiosmtpd (driven by `smtp_sink.py`),
//! started on a free port, keeping what it receives in a Maildir that the test reads. It
//! can speak TLS (STARTTLS or from the start) with a certificate from a throwaway test
//! authority made by `openssl`, require a login, and refuse the first messages with a
//! temporary error. `scripts/test` installs aiosmtpd and openssl when missing and sets
//! `SMP_TEST_SMTP_PYTHON`.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The sink's program, run by the system's Python.
const SCRIPT: &str = include_str!("smtp_sink.py");

/// How a sink speaks TLS.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SinkTls {
    /// Plain text.
    #[default]
    None,
    /// Plain first, then STARTTLS, which it requires.
    StartTls,
    /// TLS from the first byte (`smtps://`).
    Wrapper,
}

/// How a sink is started.
#[derive(Debug, Clone, Default)]
pub struct SinkOptions {
    /// Its TLS.
    pub tls: SinkTls,
    /// The login it requires, as (user, password).
    pub login: Option<(String, String)>,
    /// How many messages it first refuses with `451` (try again later).
    pub refuse: u32,
    /// The port to listen on; a free one when `None`.
    pub port: Option<u16>,
}

/// A running SMTP sink; stopped and its Maildir removed when dropped.
#[derive(Debug)]
pub struct SmtpSink {
    child: Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
    dir: PathBuf,
    options: SinkOptions,
}

/// One message the sink received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The `To` header.
    pub to: String,
    /// The `Subject` header.
    pub subject: String,
    /// The `Message-ID` header.
    pub message_id: String,
    /// The whole message as received.
    pub raw: String,
}

/// A free port on 127.0.0.1 (free when asked).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl SmtpSink {
    /// Starts a plain sink that takes every message.
    ///
    /// # Panics
    /// When aiosmtpd cannot be started: run `scripts/test`, which installs it.
    pub fn start() -> SmtpSink {
        SmtpSink::start_with(SinkOptions::default())
    }

    /// Starts a sink as `options` say.
    ///
    /// # Panics
    /// When aiosmtpd or openssl cannot be started: run `scripts/test`, which installs them.
    pub fn start_with(options: SinkOptions) -> SmtpSink {
        let python =
            std::env::var("SMP_TEST_SMTP_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
        let port = options.port.unwrap_or_else(free_port);
        let nonce = crate::auth::token::random_secret().expect("random bytes");
        let dir = std::env::temp_dir().join(format!("smp-smtp-sink-{}", &nonce[..16]));
        std::fs::create_dir_all(&dir).expect("the sink's folder");
        let mut command = Command::new(&python);
        command
            .arg("-c")
            .arg(SCRIPT)
            .arg("--port")
            .arg(port.to_string())
            .arg("--maildir")
            .arg(dir.join("mail"))
            .arg("--refuse")
            .arg(options.refuse.to_string());
        let tls_flag = match options.tls {
            SinkTls::None => None,
            SinkTls::StartTls => Some("--starttls"),
            SinkTls::Wrapper => Some("--smtps"),
        };
        if let Some(flag) = tls_flag {
            make_test_certificates(&dir);
            command
                .arg(flag)
                .arg(dir.join("cert.pem"))
                .arg(dir.join("key.pem"));
        }
        if let Some((user, password)) = &options.login {
            command.arg("--login").arg(format!("{user}:{password}"));
        }
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {python} with aiosmtpd ({e}); scripts/test installs python3-aiosmtpd")
            });
        let mut sink = SmtpSink {
            child,
            port,
            dir,
            options,
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = sink.child.try_wait() {
                panic!("aiosmtpd exited ({status}); scripts/test installs python3-aiosmtpd");
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "aiosmtpd did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        sink
    }

    /// The URL to send to: the scheme and `?tls=required` its TLS needs, and its login.
    pub fn url(&self) -> String {
        let login = self
            .options
            .login
            .as_ref()
            .map(|(user, password)| format!("{user}:{password}@"))
            .unwrap_or_default();
        let port = self.port;
        match self.options.tls {
            SinkTls::None => format!("smtp://{login}127.0.0.1:{port}"),
            SinkTls::StartTls => format!("smtp://{login}127.0.0.1:{port}?tls=required"),
            SinkTls::Wrapper => format!("smtps://{login}127.0.0.1:{port}"),
        }
    }

    /// The test authority's certificate (PEM) that signed the sink's, when it speaks TLS.
    pub fn authority(&self) -> Option<PathBuf> {
        (self.options.tls != SinkTls::None).then(|| self.dir.join("ca.pem"))
    }

    /// Everything received so far, in the order the messages were written (by the file's
    /// time, then its name).
    pub fn received(&self) -> Vec<Received> {
        // A folder lists its files in no set order: sort them by when they were written.
        let mut files = Vec::new();
        for folder in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.dir.join("mail").join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                let written = entry.metadata().and_then(|m| m.modified()).ok();
                files.push((written, entry.file_name(), entry.path()));
            }
        }
        files.sort();
        files
            .into_iter()
            .filter_map(|(_, _, path)| std::fs::read_to_string(path).ok())
            .map(parse)
            .collect()
    }

    /// Waits until at least `count` messages have arrived, or `timeout` passes; returns
    /// what arrived.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Received> {
        let started = Instant::now();
        loop {
            let received = self.received();
            if received.len() >= count || started.elapsed() > timeout {
                return received;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Makes a throwaway authority (`ca.pem`) and a certificate for 127.0.0.1 signed by it
/// (`cert.pem`, `key.pem`) in `dir`, valid for two days.
fn make_test_certificates(dir: &Path) {
    let ext = dir.join("ext.cnf");
    std::fs::write(
        &ext,
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\n\
         extendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n",
    )
    .expect("the extensions file");
    let at = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let (ca_key, ca, key, request, cert) = (
        at("ca.key"),
        at("ca.pem"),
        at("key.pem"),
        at("cert.csr"),
        at("cert.pem"),
    );
    let ext = ext.to_string_lossy().into_owned();
    let new_key = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let authority = [
        &[
            "req",
            "-x509",
            "-days",
            "2",
            "-subj",
            "/CN=smp test authority",
        ][..],
        &new_key,
        &["-keyout", &ca_key, "-out", &ca],
        &["-addext", "basicConstraints=critical,CA:TRUE"],
        &["-addext", "keyUsage=critical,keyCertSign"],
    ]
    .concat();
    let asked = [
        &["req", "-subj", "/CN=127.0.0.1"][..],
        &new_key,
        &["-keyout", &key, "-out", &request],
    ]
    .concat();
    let signed = [
        "x509",
        "-req",
        "-days",
        "2",
        "-set_serial",
        "1",
        "-in",
        &request,
        "-CA",
        &ca,
        "-CAkey",
        &ca_key,
        "-extfile",
        &ext,
        "-out",
        &cert,
    ];
    for step in [&authority[..], &asked[..], &signed[..]] {
        let output = Command::new("openssl")
            .args(step)
            .output()
            .unwrap_or_else(|e| panic!("cannot run openssl ({e}); scripts/test installs it"));
        assert!(
            output.status.success(),
            "openssl {}: {}",
            step.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// The headers a test looks at (unfolded), and the raw text.
fn parse(raw: String) -> Received {
    let head = raw.split("\n\n").next().unwrap_or("").replace("\r\n", "\n");
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    Received {
        to: header("to"),
        subject: header("subject"),
        message_id: header("message-id"),
        raw,
    }
}

//! A real SMTP server on loopback for tests: Debian's aiosmtpd (`python3 -m aiosmtpd`),
//! started on a free port, keeping what it receives in a Maildir that the test reads.
//! `scripts/test` installs it when missing and sets `SMP_TEST_SMTP_PYTHON`.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running SMTP sink; stopped and its Maildir removed when dropped.
#[derive(Debug)]
pub struct SmtpSink {
    child: Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
    dir: PathBuf,
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

impl SmtpSink {
    /// Starts a sink.
    ///
    /// # Panics
    /// When aiosmtpd cannot be started: run `scripts/test`, which installs it.
    pub fn start() -> SmtpSink {
        let python =
            std::env::var("SMP_TEST_SMTP_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let nonce = crate::auth::token::random_secret().expect("random bytes");
        let dir = std::env::temp_dir().join(format!("smp-smtp-sink-{}", &nonce[..16]));
        let child = Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {python} -m aiosmtpd ({e}); scripts/test installs python3-aiosmtpd")
            });
        let mut sink = SmtpSink { child, port, dir };
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

    /// The URL to send to.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Everything received so far, in the order the messages were written (by the file's
    /// time, then its name).
    pub fn received(&self) -> Vec<Received> {
        // A folder lists its files in no set order: sort them by when they were written.
        let mut files = Vec::new();
        for folder in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.dir.join(folder)) else {
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

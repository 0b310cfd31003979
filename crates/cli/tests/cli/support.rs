//! Running `smp`, reading its output, and temporary input files.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The path of a file in the workspace's `examples/` directory.
pub fn example(name: &str) -> String {
    format!(
        "{}{name}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/")
    )
}

/// The `smp` binary built for these tests.
pub fn command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_smp"))
}

/// What one run of `smp` did.
#[derive(Debug)]
pub struct Run {
    /// The arguments, for failure messages.
    pub args: Vec<String>,
    /// The exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Everything written to stdout.
    pub stdout: String,
    /// Everything written to stderr.
    pub stderr: String,
}

impl Run {
    fn from_output(args: Vec<String>, output: Output) -> Run {
        Run {
            args,
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Asserts the run succeeded without a word on stderr; returns stdout.
    pub fn ok(&self) -> &str {
        assert_eq!(
            self.code,
            Some(0),
            "smp {:?} failed\nstdout:\n{}\nstderr:\n{}",
            self.args,
            self.stdout,
            self.stderr
        );
        assert_eq!(self.stderr, "", "smp {:?} wrote to stderr", self.args);
        &self.stdout
    }

    /// Asserts the run succeeded and printed JSON; returns it parsed.
    pub fn json(&self) -> serde_json::Value {
        let text = self.ok();
        serde_json::from_str(text)
            .unwrap_or_else(|err| panic!("smp {:?} printed no JSON ({err}):\n{text}", self.args))
    }

    /// Asserts the run was refused as bad input: exit code 2, nothing on stdout, and one
    /// message on stderr. Returns stderr.
    pub fn refused(&self) -> &str {
        assert_eq!(
            self.code,
            Some(2),
            "smp {:?} should exit 2\nstdout:\n{}\nstderr:\n{}",
            self.args,
            self.stdout,
            self.stderr
        );
        assert_eq!(self.stdout, "", "smp {:?} wrote to stdout", self.args);
        assert!(
            self.stderr.starts_with("error: "),
            "smp {:?}: stderr does not start with \"error: \":\n{}",
            self.args,
            self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "smp {:?} panicked:\n{}",
            self.args,
            self.stderr
        );
        &self.stderr
    }

    /// Asserts the run was refused and its message's first line is exactly `line`.
    pub fn refused_with(&self, line: &str) {
        let stderr = self.refused();
        assert_eq!(stderr.lines().next(), Some(line), "full stderr:\n{stderr}");
    }
}

/// Runs `smp` with `args` and waits for it.
pub fn smp(args: &[&str]) -> Run {
    let output = command().args(args).output().expect("the smp binary runs");
    Run::from_output(args.iter().map(|a| a.to_string()).collect(), output)
}

/// A file in a fresh directory under the system's temporary directory, removed on drop.
pub struct TempFile {
    dir: PathBuf,
    path: String,
}

impl TempFile {
    /// Writes `contents` to a new file called `name` in a directory of its own.
    pub fn new(name: &str, contents: &str) -> TempFile {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("smp-cli-test-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a temporary directory");
        let path = dir.join(name);
        std::fs::write(&path, contents).expect("write a temporary file");
        let path = path
            .to_str()
            .expect("temporary paths are UTF-8")
            .to_string();
        TempFile { dir, path }
    }

    /// The file's path, as it is passed to `smp` and named in its messages.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The string at `pointer` (a JSON pointer such as `/outcome`), or a failure naming it.
pub fn str_at<'a>(value: &'a serde_json::Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(serde_json::Value::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer} in {value:#}"))
}

/// The integer at `pointer`, or a failure naming it.
pub fn i64_at(value: &serde_json::Value, pointer: &str) -> i64 {
    value
        .pointer(pointer)
        .and_then(serde_json::Value::as_i64)
        .unwrap_or_else(|| panic!("no integer at {pointer} in {value:#}"))
}

/// The array at `pointer`, or a failure naming it.
pub fn array_at<'a>(value: &'a serde_json::Value, pointer: &str) -> &'a [serde_json::Value] {
    value
        .pointer(pointer)
        .and_then(serde_json::Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("no array at {pointer} in {value:#}"))
}

/// The `rule` of every item of the array at `pointer`, in order.
pub fn rules_at(value: &serde_json::Value, pointer: &str) -> Vec<String> {
    array_at(value, pointer)
        .iter()
        .map(|item| str_at(item, "/rule").to_string())
        .collect()
}

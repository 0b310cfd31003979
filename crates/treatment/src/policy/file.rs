//! Reading a clinic's policy file: TOML whose dotted keys are rule ids.

use toml_edit::{Document, Item, TableLike};

use super::{Origin, Policy, RULES};
use crate::error::{PolicyError, PolicyProblem};

impl Policy {
    /// Reads a clinic's policy file over the defaults.
    ///
    /// `file` names the file in messages; `text` is its content. An unknown key, a value of
    /// the wrong type and an impossible value (a negative gap, a minimum above a maximum) are
    /// each refused with the line and key; all problems are reported together, and nothing
    /// of a refused file is applied.
    ///
    /// # Errors
    /// [`PolicyError`] listing every problem found.
    ///
    /// # Example
    /// ```
    /// use smp_treatment::Policy;
    /// let policy = Policy::from_toml("clinic.toml", "[gap]\nmin_days = 21\nmax_days = 28\n").unwrap();
    /// assert_eq!(policy.gap_min_days, 21);
    /// let err = Policy::from_toml("clinic.toml", "[gap]\nmin_days = -1\n").unwrap_err();
    /// assert_eq!(err.to_string(), "clinic.toml:2: gap.min_days: must not be negative, got -1");
    /// ```
    pub fn from_toml(file: &str, text: &str) -> Result<Policy, PolicyError> {
        let fail = |problems| PolicyError {
            file: file.to_string(),
            problems,
        };
        let document = Document::parse(text).map_err(|err| {
            let line = err.span().map_or(1, |span| line_of(text, span.start));
            fail(vec![PolicyProblem {
                line,
                key: None,
                message: format!("not valid TOML: {}", err.message()),
            }])
        })?;
        let mut loader = Loader {
            file,
            text,
            policy: Policy::default(),
            problems: Vec::new(),
        };
        if let Some(root) = document.as_item().as_table_like() {
            loader.walk("", root);
        }
        if loader.problems.is_empty() {
            loader.problems = loader.policy.consistency_problems();
        }
        if loader.problems.is_empty() {
            Ok(loader.policy)
        } else {
            loader.problems.sort_by_key(|p| p.line);
            Err(fail(loader.problems))
        }
    }

    /// The line a rule's value was set on, when it came from a clinic file.
    pub(super) fn line_of(&self, id: &str) -> Option<usize> {
        match self.origins.get(id) {
            Some(Origin::ClinicFile { line, .. }) => Some(*line),
            _ => None,
        }
    }
}

/// Walks the TOML tree, setting rules and collecting problems.
struct Loader<'a> {
    file: &'a str,
    text: &'a str,
    policy: Policy,
    problems: Vec<PolicyProblem>,
}

impl Loader<'_> {
    fn walk(&mut self, prefix: &str, table: &dyn TableLike) {
        for (name, item) in table.iter() {
            let id = if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}.{name}")
            };
            let line = table
                .get_key_value(name)
                .and_then(|(key, _)| key.span())
                .or_else(|| item.span())
                .map_or(1, |span| line_of(self.text, span.start));
            self.visit(&id, line, item);
        }
    }

    fn visit(&mut self, id: &str, line: usize, item: &Item) {
        let is_rule = RULES.iter().any(|r| r.id == id);
        match (item.as_table_like(), item.as_value()) {
            // A section (`[gap]`, `gap = { ... }` or `gap.min_days = ...`): its keys in turn.
            (Some(table), _) if is_section(id) => self.walk(id, table),
            (Some(_), _) if is_rule => {
                self.problem(line, id, "expected a value, got a table".to_string())
            }
            (Some(_), _) => {
                let message = format!("unknown section; known sections: {}", sections().join(", "));
                self.problem(line, id, message);
            }
            (None, Some(value)) => self.set(id, line, value),
            (None, None) => self.problem(
                line,
                id,
                "arrays of tables are not policy values".to_string(),
            ),
        }
    }

    fn set(&mut self, id: &str, line: usize, value: &toml_edit::Value) {
        match self.policy.set_from_toml(id, value) {
            Some(Ok(())) => {
                if let Some(rule) = RULES.iter().find(|r| r.id == id) {
                    let origin = Origin::ClinicFile {
                        file: self.file.to_string(),
                        line,
                    };
                    self.policy.origins.insert(rule.id, origin);
                }
            }
            Some(Err(message)) => self.problem(line, id, message),
            None if is_section(id) => self.problem(
                line,
                id,
                format!("is a section, not a value; its keys are {}", keys_under(id)),
            ),
            None => self.unknown(line, id),
        }
    }

    fn unknown(&mut self, line: usize, id: &str) {
        let section = id.rsplit_once('.').map_or("", |(s, _)| s);
        let message = if is_section(section) {
            format!(
                "unknown key; known keys in [{section}]: {}",
                keys_under(section)
            )
        } else {
            format!("unknown key; known sections: {}", sections().join(", "))
        };
        self.problem(line, id, message);
    }

    fn problem(&mut self, line: usize, id: &str, message: String) {
        self.problems.push(PolicyProblem {
            line,
            key: Some(id.to_string()),
            message,
        });
    }
}

/// Whether some rule id lives under `prefix.`.
fn is_section(prefix: &str) -> bool {
    !prefix.is_empty() && RULES.iter().any(|r| is_under(r.id, prefix))
}

fn is_under(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix)
        .is_some_and(|rest| rest.starts_with('.'))
}

/// The rule ids under a section, comma separated.
fn keys_under(prefix: &str) -> String {
    RULES
        .iter()
        .filter(|r| is_under(r.id, prefix))
        .map(|r| r.id)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The top-level sections of the policy, in table order.
fn sections() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for rule in RULES {
        let section = rule.id.split('.').next().unwrap_or(rule.id);
        if !out.contains(&section) {
            out.push(section);
        }
    }
    out
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

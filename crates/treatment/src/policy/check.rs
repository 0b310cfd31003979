//! Checks between rules that no single value can make: a minimum above a maximum.

use super::Policy;
use crate::error::PolicyProblem;

/// A pair of rules where the first must not exceed the second.
struct Ordered {
    low: &'static str,
    high: &'static str,
    get: fn(&Policy) -> (u32, u32),
}

const ORDERED: &[Ordered] = &[
    Ordered {
        low: "gap.min_days",
        high: "gap.max_days",
        get: |p| (p.gap_min_days, p.gap_max_days),
    },
    Ordered {
        low: "course.min_sessions",
        high: "course.default_sessions",
        get: |p| (p.course_min_sessions, p.course_default_sessions),
    },
    Ordered {
        low: "course.default_sessions",
        high: "course.max_sessions",
        get: |p| (p.course_default_sessions, p.course_max_sessions),
    },
    Ordered {
        low: "course.touch_up_sessions",
        high: "course.max_sessions",
        get: |p| (p.course_touch_up_sessions, p.course_max_sessions),
    },
    Ordered {
        low: "aftercare.no_shave_days",
        high: "aftercare.regular_shave_days",
        get: |p| (p.aftercare_no_shave_days, p.aftercare_regular_shave_days),
    },
    Ordered {
        low: "aftercare.no_pool_sauna_days",
        high: "aftercare.final_no_pool_sauna_days",
        get: |p| {
            (
                p.aftercare_no_pool_sauna_days,
                p.aftercare_final_no_pool_sauna_days,
            )
        },
    },
    Ordered {
        low: "gap.max_days",
        high: "plan.horizon_days",
        get: |p| (p.gap_max_days, p.plan_horizon_days),
    },
];

/// Reads one count from the policy.
type Count = fn(&Policy) -> u32;

/// Rules that must be at least one.
const AT_LEAST_ONE: &[(&str, Count)] = &[
    ("gap.min_days", |p| p.gap_min_days),
    ("course.min_sessions", |p| p.course_min_sessions),
    ("course.touch_up_sessions", |p| p.course_touch_up_sessions),
    ("recall.first_years", |p| p.recall_first_years),
    ("recall.repeat_years", |p| p.recall_repeat_years),
];

impl Policy {
    /// Every contradiction between the effective values, placed at the line that set them.
    pub(super) fn consistency_problems(&self) -> Vec<PolicyProblem> {
        let mut problems = Vec::new();
        for (id, get) in AT_LEAST_ONE {
            if get(self) == 0 {
                problems.push(PolicyProblem {
                    line: self.line_of(id).unwrap_or(1),
                    key: Some(id.to_string()),
                    message: "must be at least 1, got 0".to_string(),
                });
            }
        }
        for pair in ORDERED {
            let (low, high) = (pair.get)(self);
            if low > high {
                // Blame the key the clinic wrote, so the line points at their file.
                let (key, line) = match (self.line_of(pair.low), self.line_of(pair.high)) {
                    (Some(line), _) => (pair.low, line),
                    (None, Some(line)) => (pair.high, line),
                    (None, None) => (pair.low, 1),
                };
                problems.push(PolicyProblem {
                    line,
                    key: Some(key.to_string()),
                    message: format!(
                        "{} ({low}) must not be above {} ({high})",
                        pair.low, pair.high
                    ),
                });
            }
        }
        problems
    }
}

//! The evaluator: answers and a day in, findings and an outcome out.

use jiff::civil::Date;

use super::answers::{Answers, MedicationUse, Procedure, Skin};
use super::finding::{Finding, FindingOutcome, Screening, Verdict};
use crate::dates::{add_days, add_months, human};
use crate::names::{Condition, Medication, ProcedureKind};
use crate::policy::{Policy, RuleSpec};

/// Screens the answers on day `on` under `policy`.
///
/// # Example
/// ```
/// use jiff::civil::date;
/// use smp_treatment::{screen, Answers, Outcome, Policy};
/// let answers = Answers::parse("a.json",
///     r#"{"medications": [{"name": "isotretinoin", "last_taken": "2026-08-01"}]}"#,
///     date(2026, 11, 1)).unwrap();
/// let result = screen(&answers, date(2026, 11, 1), &Policy::default());
/// assert_eq!(result.outcome, Outcome::Deferred);
/// assert_eq!(result.deferred_until, Some(date(2027, 2, 1)));
/// ```
pub fn screen(answers: &Answers, on: Date, policy: &Policy) -> Screening {
    let mut findings = Vec::new();
    let mut conditions = answers.conditions.clone();
    conditions.sort_unstable();
    conditions.dedup();
    for condition in conditions {
        findings.push(condition_finding(condition, policy));
    }
    if answers.skin.sunburn {
        findings.push(finding(
            "screen.sunburn",
            policy.screen_sunburn.into(),
            "Sunburned skin bleeds and does not hold pigment: we treat once the sunburn has fully healed.".into(),
        ));
    }
    if answers.skin.suntan {
        findings.push(finding(
            "screen.suntan",
            policy.screen_suntan.into(),
            "Suntanned skin is damaged skin: we treat once the tan has faded, so the shade matches your real skin tone.".into(),
        ));
    }
    for medication in &answers.medications {
        findings.extend(medication_findings(medication, on, policy));
    }
    for procedure in &answers.procedures {
        findings.extend(procedure_finding(procedure, on, policy));
    }
    Screening::from_findings(on, findings)
}

/// The latest day a deferral can run to for answers screened on `on` under `policy`: the
/// screening of every medication still taken and every procedure done that day, so each of
/// the evaluator's waiting periods counts at its longest. Every
/// [`Screening::deferred_until`] on `on` is on or before it, so a page offering times to a
/// deferred client must reach at least this far.
///
/// # Example
/// ```
/// use jiff::civil::date;
/// use smp_treatment::{latest_deferral, Policy};
/// // The default policy's longest wait: a year after a hair transplant or a keloid scar.
/// assert_eq!(latest_deferral(date(2026, 11, 21), &Policy::default()), date(2027, 11, 21));
/// ```
pub fn latest_deferral(on: Date, policy: &Policy) -> Date {
    let everything = Answers {
        conditions: Vec::new(),
        medications: Medication::ALL
            .iter()
            .map(|&name| MedicationUse {
                name,
                last_taken: None,
                ongoing: true,
                prescribed: false,
            })
            .collect(),
        procedures: ProcedureKind::ALL
            .iter()
            .map(|&kind| Procedure {
                kind,
                date: Some(on),
                ongoing: false,
            })
            .collect(),
        skin: Skin::default(),
    };
    screen(&everything, on, policy).deferred_until.unwrap_or(on)
}

fn finding(rule: &'static str, outcome: FindingOutcome, message: String) -> Finding {
    let sources = RuleSpec::find(rule).map_or(&[][..], |r| r.sources);
    Finding {
        rule,
        outcome,
        message,
        sources,
    }
}

/// The policy's verdict, rule id and a readable name for a condition.
fn condition_rule(condition: Condition, p: &Policy) -> (&'static str, Verdict, &'static str) {
    use Condition::*;
    match condition {
        Type1Diabetes => (
            "screen.type1_diabetes",
            p.screen_type1_diabetes,
            "Type 1 diabetes",
        ),
        Type2Diabetes => ("screen.type2_diabetes", p.screen_type2_diabetes, "Diabetes"),
        HepatitisB => ("screen.hepatitis_b", p.screen_hepatitis_b, "Hepatitis B"),
        HepatitisC => ("screen.hepatitis_c", p.screen_hepatitis_c, "Hepatitis C"),
        ColdSores => ("screen.cold_sores", p.screen_cold_sores, "Cold sores"),
        Shingles => ("screen.shingles", p.screen_shingles, "Shingles"),
        Impetigo => ("screen.impetigo", p.screen_impetigo, "Impetigo"),
        Psoriasis => ("screen.psoriasis", p.screen_psoriasis, "Psoriasis"),
        Eczema => ("screen.eczema", p.screen_eczema, "Eczema"),
        PinkEye => ("screen.pink_eye", p.screen_pink_eye, "Pink eye"),
        SevereAcne => ("screen.severe_acne", p.screen_severe_acne, "Severe acne"),
        VitiligoActive => (
            "screen.vitiligo_active",
            p.screen_vitiligo_active,
            "Active vitiligo",
        ),
        SickleCell => (
            "screen.sickle_cell",
            p.screen_sickle_cell,
            "Sickle cell disease",
        ),
        Hemophilia => ("screen.hemophilia", p.screen_hemophilia, "Haemophilia"),
        BleedingDisorder => (
            "screen.bleeding_disorder",
            p.screen_bleeding_disorder,
            "A bleeding disorder",
        ),
        KeloidFormation => (
            "screen.keloid_formation",
            p.screen_keloid_formation,
            "Keloid-forming skin",
        ),
        MentalDisorder => (
            "screen.mental_disorder",
            p.screen_mental_disorder,
            "A mental disorder",
        ),
        MrsaOrStaphHistory => (
            "screen.mrsa_or_staph_history",
            p.screen_mrsa_or_staph_history,
            "A history of MRSA or staph infection",
        ),
        Cancer => ("screen.cancer", p.screen_cancer, "Cancer"),
        Epilepsy => ("screen.epilepsy", p.screen_epilepsy, "Epilepsy"),
        Autoimmune => (
            "screen.autoimmune",
            p.screen_autoimmune,
            "An autoimmune disease",
        ),
        HerpesSimplex => (
            "screen.herpes_simplex",
            p.screen_herpes_simplex,
            "Herpes simplex",
        ),
        PigmentAllergy => (
            "screen.pigment_allergy",
            p.screen_pigment_allergy,
            "A known pigment allergy",
        ),
        MolesInArea => (
            "screen.moles_in_area",
            p.screen_moles_in_area,
            "Moles in the area",
        ),
    }
}

fn condition_finding(condition: Condition, policy: &Policy) -> Finding {
    use Condition::*;
    let (rule, verdict, label) = condition_rule(condition, policy);
    let active_skin = matches!(
        condition,
        ColdSores | Shingles | Impetigo | Psoriasis | Eczema | PinkEye | SevereAcne
    );
    let message = match verdict {
        Verdict::NotACandidate => format!(
            "{label}: under this clinic's policy we cannot offer scalp micropigmentation with this condition."
        ),
        Verdict::Review if active_skin => format!(
            "{label}: the practitioner will check your scalp; we treat only when the condition is not active."
        ),
        Verdict::Review if condition == PigmentAllergy => format!(
            "{label}: the practitioner will review this with you and can offer a patch test first."
        ),
        Verdict::Review => format!(
            "{label}: your practitioner (and, where needed, your physician) must review this before treatment."
        ),
        Verdict::Eligible if condition == MolesInArea => {
            "Moles in the area: no dots are ever placed on moles; the design works around them.".to_string()
        }
        Verdict::Eligible => format!("{label}: noted; it does not stand in the way of treatment."),
    };
    finding(rule, verdict.into(), message)
}

/// The last day a medication counts as taken: its last dose, or today when still taken.
fn last_day(date: Option<Date>, on: Date) -> (Date, bool) {
    match date {
        Some(day) => (day, false),
        None => (on, true),
    }
}

fn medication_findings(m: &MedicationUse, on: Date, policy: &Policy) -> Vec<Finding> {
    let (last, ongoing) = last_day(m.last_taken, on);
    let mut out = Vec::new();
    match m.name {
        Medication::Isotretinoin => out.extend(waiting_finding(
            "screen.isotretinoin_months",
            "isotretinoin (Accutane)",
            add_months(last, policy.screen_isotretinoin_months),
            policy.screen_isotretinoin_months,
            ongoing,
            on,
        )),
        Medication::Steroids => out.extend(waiting_finding(
            "screen.steroids_months",
            "steroids",
            add_months(last, policy.screen_steroids_months),
            policy.screen_steroids_months,
            ongoing,
            on,
        )),
        Medication::Warfarin | Medication::BloodThinner => {
            let recent = add_days(last, i64::from(policy.precare_blood_thinners_days)) > on;
            if ongoing || recent {
                out.push(finding(
                    "screen.blood_thinners",
                    policy.screen_blood_thinners.into(),
                    "Blood-thinning medicine: your physician must agree before treatment; never stop a prescribed medicine without asking them.".into(),
                ));
            }
        }
        Medication::Retinol if ongoing || add_days(last, i64::from(policy.precare_retinol_days)) > on => {
            out.push(finding(
                "precare.retinol_days",
                FindingOutcome::Eligible,
                format!(
                    "Retinol/Retin-A: stop it {} days before each session; it makes the skin bleed.",
                    policy.precare_retinol_days
                ),
            ));
        }
        Medication::Minoxidil if ongoing => out.push(finding(
            "minoxidil.suspend",
            FindingOutcome::Eligible,
            if policy.minoxidil_suspend {
                format!(
                    "Minoxidil (Rogaine): pause it from your first session until {} days after the final one; your plan gives the dates.",
                    policy.minoxidil_restart_days
                )
            } else {
                "Minoxidil (Rogaine): you may keep using it during the course.".to_string()
            },
        )),
        Medication::Finasteride if ongoing => out.push(finding(
            "finasteride.suspend",
            FindingOutcome::Eligible,
            if policy.finasteride_suspend {
                "Finasteride (Propecia): pause it during the course of sessions.".to_string()
            } else {
                "Finasteride (Propecia): you may keep taking it during and after the course.".to_string()
            },
        )),
        _ => {}
    }
    let in_stop_list = policy.precare_blood_thinners.contains(&m.name);
    let recent = ongoing || add_days(last, i64::from(policy.precare_blood_thinners_days)) > on;
    if in_stop_list && recent {
        let physician =
            if m.prescribed || matches!(m.name, Medication::Warfarin | Medication::BloodThinner) {
                " It is prescribed: ask your physician before stopping it."
            } else {
                ""
            };
        out.push(finding(
            "precare.blood_thinners_days",
            FindingOutcome::Eligible,
            format!(
                "{}: stop it {} days before each session, as it thins the blood.{physician}",
                capitalised(m.name.name()),
                policy.precare_blood_thinners_days
            ),
        ));
    }
    out
}

/// A deferral while a waiting period runs; nothing once it has ended.
fn waiting_finding(
    rule: &'static str,
    what: &str,
    until: Date,
    months: u32,
    ongoing: bool,
    on: Date,
) -> Option<Finding> {
    if until <= on {
        return None;
    }
    let message = if ongoing {
        format!(
            "You are taking {what}: treatment can start {months} months after your last dose — {} at the earliest, if you stop today.",
            human(until)
        )
    } else {
        format!(
            "You took {what} in the last {months} months: treatment can start on {}.",
            human(until)
        )
    };
    Some(finding(rule, FindingOutcome::Deferred { until }, message))
}

fn procedure_finding(p: &Procedure, on: Date, policy: &Policy) -> Option<Finding> {
    let (day, _) = last_day(p.date, on);
    let (rule, until, what) = match p.kind {
        ProcedureKind::HairTransplant => (
            "precare.hair_transplant_months",
            add_months(day, policy.precare_hair_transplant_months),
            "a hair transplant",
        ),
        ProcedureKind::KeloidScar => (
            "screen.keloid_scar_months",
            add_months(day, policy.screen_keloid_scar_months),
            "a keloid scar in the area",
        ),
        ProcedureKind::Botox | ProcedureKind::Filler => (
            "precare.injectables_days",
            add_days(day, i64::from(policy.precare_injectables_days)),
            "Botox or fillers",
        ),
        ProcedureKind::ChemicalPeel | ProcedureKind::Laser => (
            "precare.peel_laser_days",
            add_days(day, i64::from(policy.precare_peel_laser_days)),
            "a chemical peel or laser treatment",
        ),
        ProcedureKind::Smp => (
            "gap.min_days",
            add_days(day, i64::from(policy.gap_min_days)),
            "an SMP session",
        ),
    };
    (until > on).then(|| {
        finding(
            rule,
            FindingOutcome::Deferred { until },
            format!(
                "You had {what} recently: the skin needs time, so treatment can start on {}.",
                human(until)
            ),
        )
    })
}

fn capitalised(name: &str) -> String {
    let text = name.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

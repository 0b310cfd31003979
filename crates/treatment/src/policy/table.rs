//! The table of every policy rule: its id, type, default, unit, sources and summary.
//!
//! This is the one place a rule is declared. The macro below turns the table into the
//! [`Policy`] struct, its defaults, the list [`RULES`] and the setter used by the file loader.

use jiff::civil::Time;

use super::value::{PolicyValue, SessionLength};
use super::{Origin, RuleSpec};
use crate::money::Currency;
use crate::names::Medication;
use crate::screening::Verdict;
use crate::source::Source;

/// Declares the policy table.
macro_rules! policy_table {
    ($( $field:ident : $ty:ty = $default:expr ; $id:literal, $unit:literal, [$($src:ident),*], $summary:literal; )*) => {
        /// The effective clinic policy: every number and list of DOMAIN.md as a typed value.
        ///
        /// [`Policy::default`] holds the defaults DOMAIN.md chooses; a clinic file changes
        /// any of them (see [`Policy::from_toml`]). Each value remembers where it came from.
        #[derive(Debug, Clone)]
        pub struct Policy {
            $(
                #[doc = $summary]
                pub $field: $ty,
            )*
            pub(super) origins: std::collections::BTreeMap<&'static str, Origin>,
        }

        impl Default for Policy {
            fn default() -> Self {
                Policy {
                    $($field: $default,)*
                    origins: std::collections::BTreeMap::new(),
                }
            }
        }

        /// Every rule of the policy, in the order `smp policy show` prints them.
        pub static RULES: &[RuleSpec] = &[
            $(RuleSpec {
                id: $id,
                unit: $unit,
                sources: &[$(Source::$src),*],
                summary: $summary,
            },)*
        ];

        impl Policy {
            /// Sets the rule `id` from a TOML value. `None` when no rule has that id.
            pub(super) fn set_from_toml(
                &mut self,
                id: &str,
                value: &toml_edit::Value,
            ) -> Option<Result<(), String>> {
                match id {
                    $($id => Some(<$ty as PolicyValue>::from_toml(value).map(|v| self.$field = v)),)*
                    _ => None,
                }
            }

            /// The value of rule `id` as JSON and as text, or `None` for an unknown id.
            pub(super) fn value_of(&self, id: &str) -> Option<(serde_json::Value, String)> {
                match id {
                    $($id => Some((self.$field.to_json(), self.$field.display())),)*
                    _ => None,
                }
            }
        }
    };
}

/// Hours for a session length default; every literal below is within range.
const fn hours(minutes: u32) -> SessionLength {
    match SessionLength::from_minutes(minutes) {
        Some(length) => length,
        None => panic!("session length default out of range"),
    }
}

policy_table! {
    // The course.
    course_default_sessions: u32 = 3; "course.default_sessions", "sessions", [S000, S001, S002, S004],
        "Sessions in a course when none is asked for: 2-4 typical, 3 recommended.";
    course_min_sessions: u32 = 1; "course.min_sessions", "sessions", [S004],
        "Fewest sessions a client may choose.";
    course_max_sessions: u32 = 4; "course.max_sessions", "sessions", [S000, S002],
        "Most sessions in one course.";
    course_touch_up_sessions: u32 = 1; "course.touch_up_sessions", "sessions", [S000, S004],
        "Sessions in a touch-up course.";
    gap_min_days: u32 = 14; "gap.min_days", "days", [S000, S004],
        "At least this many days between two sessions, so the healed area can be evaluated; a shorter gap needs an override with a reason.";
    gap_max_days: u32 = 21; "gap.max_days", "days", [S000, S001, S004],
        "Recommended longest gap between two sessions; a longer one is a warning.";
    plan_session_time: Time = Time::constant(10, 0, 0, 0); "plan.session_time", "local time", [],
        "Time of day a planned session starts when none is given.";
    plan_horizon_days: u32 = 730; "plan.horizon_days", "days", [],
        "How far past the start the planner looks for a date that keeps every rule.";
    // Money.
    consultation_fee: u64 = 5_000; "consultation.fee", "minor units", [S000, S004],
        "Consultation fee (0 for free consultations).";
    consultation_credited: bool = true; "consultation.credited", "", [S000],
        "Whether the consultation fee is credited to the course's invoice.";
    price_currency: Currency = Currency::USD; "price.currency", "ISO 4217", [S000, S001, S002, S004],
        "Currency of every price.";
    price_minor: u64 = 60_000; "price.minor", "minor units per session", [S004],
        "Session price for minor loss (Norwood 1-2).";
    price_moderate: u64 = 80_000; "price.moderate", "minor units per session", [S000, S001],
        "Session price for moderate loss (Norwood 3, 3V, Ludwig 1, alopecia areata).";
    price_extensive: u64 = 110_000; "price.extensive", "minor units per session", [S000, S001, S002],
        "Session price for extensive loss (Norwood 4-5, Ludwig 2, diffuse thinning).";
    price_full: u64 = 130_000; "price.full", "minor units per session", [S000, S001, S002],
        "Session price for full-scalp work (Norwood 6-7, Ludwig 3, alopecia totalis).";
    price_scar: u64 = 70_000; "price.scar", "minor units per session", [S001],
        "Session price for scar camouflage (FUT strip, FUE).";
    price_touch_up: u64 = 70_000; "price.touch_up", "minor units per session", [S001],
        "Price of a touch-up session.";
    duration_minor: SessionLength = hours(120); "duration.minor", "hours", [S000, S004],
        "Session length for minor loss.";
    duration_moderate: SessionLength = hours(180); "duration.moderate", "hours", [S001, S004],
        "Session length for moderate loss.";
    duration_extensive: SessionLength = hours(240); "duration.extensive", "hours", [S001, S002],
        "Session length for extensive loss.";
    duration_full: SessionLength = hours(300); "duration.full", "hours", [S000, S002],
        "Session length for full-scalp work.";
    duration_scar: SessionLength = hours(120); "duration.scar", "hours", [S000, S004],
        "Session length for scar camouflage.";
    duration_touch_up: SessionLength = hours(150); "duration.touch_up", "hours", [S004],
        "Length of a touch-up session (Norwood 6-7 about 2-3 h).";
    recall_first_years: u32 = 4; "recall.first_years", "years", [S000, S001, S002, S003, S004],
        "Years after the final session when the first touch-up is offered.";
    recall_repeat_years: u32 = 1; "recall.repeat_years", "years", [S000, S004],
        "Years between later touch-up reminders.";
    // Screening: conditions.
    screen_type1_diabetes: Verdict = Verdict::NotACandidate; "screen.type1_diabetes", "", [S000],
        "Type 1 diabetes.";
    screen_type2_diabetes: Verdict = Verdict::Review; "screen.type2_diabetes", "", [S001],
        "Other diabetes: a caution for the practitioner or physician.";
    screen_hepatitis_b: Verdict = Verdict::NotACandidate; "screen.hepatitis_b", "", [S000],
        "Hepatitis B.";
    screen_hepatitis_c: Verdict = Verdict::NotACandidate; "screen.hepatitis_c", "", [S000],
        "Hepatitis C.";
    screen_cold_sores: Verdict = Verdict::Review; "screen.cold_sores", "", [S000, S002],
        "Active cold sores: treat when no longer active.";
    screen_shingles: Verdict = Verdict::Review; "screen.shingles", "", [S000, S002],
        "Active shingles: treat when no longer active.";
    screen_impetigo: Verdict = Verdict::Review; "screen.impetigo", "", [S000, S002],
        "Active impetigo: treat when no longer active.";
    screen_psoriasis: Verdict = Verdict::Review; "screen.psoriasis", "", [S000, S002],
        "A psoriasis flare: treat when no longer active.";
    screen_eczema: Verdict = Verdict::Review; "screen.eczema", "", [S002],
        "An eczema flare: treat when no longer active.";
    screen_pink_eye: Verdict = Verdict::Review; "screen.pink_eye", "", [S000],
        "Pink eye: treat when no longer active.";
    screen_severe_acne: Verdict = Verdict::Review; "screen.severe_acne", "", [S000],
        "Severe acne: treat when no longer active.";
    screen_vitiligo_active: Verdict = Verdict::Review; "screen.vitiligo_active", "", [S000, S002],
        "Active vitiligo (000 refuses; 002 reports it may not work well).";
    screen_sickle_cell: Verdict = Verdict::NotACandidate; "screen.sickle_cell", "", [S000],
        "Sickle cell disease.";
    screen_hemophilia: Verdict = Verdict::NotACandidate; "screen.hemophilia", "", [S000],
        "Haemophilia.";
    screen_bleeding_disorder: Verdict = Verdict::Review; "screen.bleeding_disorder", "", [S001],
        "Another bleeding disorder: a caution.";
    screen_keloid_formation: Verdict = Verdict::Review; "screen.keloid_formation", "", [S000, S002],
        "Keloid-forming skin (000 refuses; 002 reports successful SMP).";
    screen_mental_disorder: Verdict = Verdict::Review; "screen.mental_disorder", "", [S000],
        "A mental disorder (000 refuses): the practitioner decides.";
    screen_mrsa_or_staph_history: Verdict = Verdict::NotACandidate; "screen.mrsa_or_staph_history", "", [S000],
        "A history of MRSA or staph infection.";
    screen_cancer: Verdict = Verdict::Review; "screen.cancer", "", [S001],
        "Cancer: a caution for the physician.";
    screen_epilepsy: Verdict = Verdict::Review; "screen.epilepsy", "", [S001],
        "Epilepsy: a caution for the physician.";
    screen_autoimmune: Verdict = Verdict::Review; "screen.autoimmune", "", [S001],
        "Autoimmune disease: a caution for the physician.";
    screen_herpes_simplex: Verdict = Verdict::Review; "screen.herpes_simplex", "", [S002],
        "Herpes simplex: a relative contraindication.";
    screen_pigment_allergy: Verdict = Verdict::Review; "screen.pigment_allergy", "", [S001, S002],
        "Known pigment allergy: review, with a patch test offered.";
    screen_moles_in_area: Verdict = Verdict::Eligible; "screen.moles_in_area", "", [S000],
        "Moles in the area: eligible, and no dots are placed on moles.";
    screen_sunburn: Verdict = Verdict::Review; "screen.sunburn", "", [S000],
        "Sunburned scalp: never treated until healed.";
    screen_suntan: Verdict = Verdict::Review; "screen.suntan", "", [S000],
        "Suntanned scalp: never treated until the tan is gone.";
    screen_blood_thinners: Verdict = Verdict::Review; "screen.blood_thinners", "", [S001],
        "Prescribed blood thinners (warfarin or another anticoagulant): a caution for the physician.";
    // Screening: waiting periods.
    screen_isotretinoin_months: u32 = 6; "screen.isotretinoin_months", "months", [S000],
        "Months after the last dose of isotretinoin (Accutane) before a session.";
    screen_steroids_months: u32 = 6; "screen.steroids_months", "months", [S000],
        "Months after the last dose of steroids before a session.";
    screen_keloid_scar_months: u32 = 12; "screen.keloid_scar_months", "months", [S004],
        "Months a keloid scar in the area must age before a session.";
    // Before a session.
    precare_hair_transplant_months: u32 = 12; "precare.hair_transplant_months", "months", [S004],
        "Months after a hair transplant before a session.";
    precare_sun_days: u32 = 30; "precare.sun_days", "days", [S000],
        "No sun on the area in the days before a session; never on sunburned or tanned skin.";
    precare_peel_laser_days: u32 = 60; "precare.peel_laser_days", "days", [S000],
        "No chemical peel or laser in the days before a session.";
    precare_injectables_days: u32 = 14; "precare.injectables_days", "days", [S000],
        "No Botox or fillers in the days before a session.";
    precare_retinol_days: u32 = 7; "precare.retinol_days", "days", [S000],
        "Stop retinol or Retin-A this many days before a session.";
    precare_blood_thinners_days: u32 = 3; "precare.blood_thinners_days", "days", [S000],
        "Stop the listed blood-thinning medicines this many days before (ask the physician first if prescribed).";
    precare_blood_thinners: Vec<Medication> = vec![
        Medication::Warfarin, Medication::Aspirin, Medication::Ibuprofen, Medication::Niacin,
        Medication::FishOil, Medication::VitaminE, Medication::BloodThinner,
    ]; "precare.blood_thinners", "medications", [S000, S001],
        "Medicines stopped before a session (001 suggests ibuprofen before instead: remove it to follow 001).";
    precare_alcohol_hours: u32 = 48; "precare.alcohol_hours", "hours", [S000],
        "No alcohol in the hours before a session.";
    precare_caffeine_days: u32 = 2; "precare.caffeine_days", "days", [S000],
        "No caffeine in the days before a session.";
    precare_water_vacation_days: u32 = 7; "precare.water_vacation_days", "days", [S000],
        "No session within this many days before a water vacation.";
    precare_shave: bool = true; "precare.shave", "", [S001, S004],
        "Ask the client to shave or buzz to the shortest length before each session.";
    precare_night_before: bool = true; "precare.night_before", "", [S000],
        "The night before: hydrate, exfoliate the scalp, sleep well.";
    precare_day_of: bool = true; "precare.day_of", "", [S000],
        "On the day: wash the head, eat a good breakfast, no oily or waxy products, no exercise.";
    // After a session (day 0 is the session day).
    aftercare_no_scratch: bool = true; "aftercare.no_scratch", "", [S000, S001],
        "No scratching, scrubbing or combing the scalp while it heals.";
    aftercare_no_wash_days: u32 = 5; "aftercare.no_wash_days", "days", [S000, S002, S004],
        "No washing or soaking the head until this day; mild shampoo from then.";
    aftercare_no_sweat_days: u32 = 7; "aftercare.no_sweat_days", "days", [S000, S001, S004],
        "No exercise or heavy sweating until this day.";
    aftercare_no_shave_days: u32 = 5; "aftercare.no_shave_days", "days", [S001, S004],
        "No shaving until this day; clipper or foil shaver first.";
    aftercare_regular_shave_days: u32 = 10; "aftercare.regular_shave_days", "days", [S001],
        "Regular shaving and moisturising from this day.";
    aftercare_no_pool_sauna_days: u32 = 10; "aftercare.no_pool_sauna_days", "days", [S000, S004],
        "No pools, saunas, steam rooms or hot yoga after every session until this day.";
    aftercare_final_no_pool_sauna_days: u32 = 28; "aftercare.final_no_pool_sauna_days", "days", [S000, S001],
        "After the final session: no pools, saunas, steam rooms or tanning beds until this day.";
    aftercare_no_sun_days: u32 = 30; "aftercare.no_sun_days", "days", [S000, S001],
        "No sun on the scalp until this day; hats are fine at once.";
    aftercare_injectables_days: u32 = 14; "aftercare.injectables_days", "days", [S000],
        "No Botox or fillers until this day.";
    aftercare_peel_laser_days: u32 = 60; "aftercare.peel_laser_days", "days", [S000],
        "No chemical peel or laser until this day.";
    aftercare_hair_transplant_days: u32 = 30; "aftercare.hair_transplant_days", "days", [S004],
        "No hair transplant until this day.";
    aftercare_hair_dye_days: u32 = 28; "aftercare.hair_dye_days", "days", [S004],
        "No hair dye until this day.";
    aftercare_redness_days: u32 = 3; "aftercare.redness_days", "days", [S001, S002],
        "Days of redness to expect.";
    aftercare_settling_days: u32 = 14; "aftercare.settling_days", "days", [S001, S002],
        "Days the scalp looks darker while the pigment settles.";
    aftercare_long_term: bool = true; "aftercare.long_term", "", [S000, S004],
        "After the final session: moisturise daily, SPF 30-50 in the sun, no alcohol-based hair products, exfoliate weekly, clipper over razor.";
    // Hair-loss medicines.
    minoxidil_suspend: bool = true; "minoxidil.suspend", "", [S000, S004],
        "Suspend minoxidil (Rogaine) from the first session until after the final one.";
    minoxidil_restart_days: u32 = 30; "minoxidil.restart_days", "days", [S000, S004],
        "Days after the final session before minoxidil restarts.";
    finasteride_suspend: bool = false; "finasteride.suspend", "", [S000, S002, S004],
        "Suspend finasteride (Propecia) during the course (000 and 002 allow it; 004 suspends it).";
}

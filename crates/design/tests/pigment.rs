//! Pigment plans and how their dots look fresh, healed and over years.

use proptest::prelude::*;
use smp_design::{
    dot_look, remaining_density, touch_up_due_years, DotLook, HairColour, LinearRgb, PigmentPlan,
    SessionShade, SkinTone, Srgb8, Stage, Uv,
};

const NAMED_HAIR: [HairColour; 6] = [
    HairColour::Black,
    HairColour::DarkBrown,
    HairColour::Brown,
    HairColour::LightBrown,
    HairColour::Grey,
    HairColour::White,
];

fn monk(n: u8) -> SkinTone {
    SkinTone::parse(&format!("monk-{n}")).unwrap()
}

fn every_skin() -> Vec<SkinTone> {
    let mut skins: Vec<SkinTone> = (1..=10).map(monk).collect();
    for hex in ["#ffffff", "#000000", "#c68642", "#8d5524", "#e0ac69"] {
        skins.push(SkinTone::parse(hex).unwrap());
    }
    skins
}

fn every_hair() -> Vec<HairColour> {
    let mut hair = NAMED_HAIR.to_vec();
    for hex in ["#000000", "#ffffff", "#e6c98f", "#a52a2a", "#1133ff"] {
        hair.push(HairColour::parse(hex).unwrap());
    }
    hair
}

fn plan(skin: &SkinTone, hair: &HairColour) -> PigmentPlan {
    PigmentPlan::choose(skin, hair, 4).unwrap()
}

/// The matched (session-2) dilution.
fn matched(skin: &SkinTone, hair: &HairColour) -> f32 {
    plan(skin, hair).sessions[1].dilution
}

fn is_neutral(c: LinearRgb) -> bool {
    c.r == c.g && c.g == c.b
}

fn channel_spread(c: LinearRgb) -> f32 {
    c.r.max(c.g).max(c.b) - c.r.min(c.g).min(c.b)
}

fn session_two(skin: &SkinTone, hair: &HairColour) -> SessionShade {
    plan(skin, hair).sessions[1].clone()
}

fn look(shade: &SessionShade, skin: &SkinTone, stage: Stage) -> DotLook {
    dot_look(shade, skin, stage, Uv::Medium)
}

mod parsing {
    use super::*;

    #[test]
    fn monk_tones_parse_to_their_published_reference_colours() {
        let expected = [
            "#f6ede4", "#f3e7db", "#f7ead0", "#eadaba", "#d7bd96", "#a07e56", "#825c43", "#604134",
            "#3a312a", "#292420",
        ];
        for (n, hex) in (1..=10).zip(expected) {
            let skin = monk(n);
            assert_eq!(skin.srgb().hex(), hex);
            assert_eq!(skin.monk(), Some(n));
            assert_eq!(skin.linear(), LinearRgb::from_srgb(skin.srgb()));
            assert_eq!(skin.to_string(), format!("monk-{n}"));
        }
    }

    #[test]
    fn skin_tones_parse_from_hex_with_or_without_the_hash_and_in_any_case() {
        let a = SkinTone::parse("#C68642").unwrap();
        let b = SkinTone::parse(" c68642 ").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.monk(), None);
        assert_eq!(a.to_string(), "#c68642");
        assert_eq!(SkinTone::parse("MONK-7").unwrap(), monk(7));
    }

    #[test]
    fn the_default_skin_tone_is_monk_3() {
        assert_eq!(SkinTone::default(), monk(3));
    }

    #[test]
    fn a_skin_tone_off_the_monk_scale_is_refused_naming_the_parameter() {
        for text in ["monk-0", "monk-11", "monk-", "monk-x"] {
            let err = SkinTone::parse(text).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("skin: \"{text}\" is not on the Monk scale; expected monk-1 to monk-10")
            );
        }
    }

    #[test]
    fn a_skin_tone_that_is_neither_hex_nor_monk_is_refused_naming_both_forms() {
        let err = SkinTone::parse("olive").unwrap_err();
        assert_eq!(
            err.to_string(),
            "skin: \"olive\" is not a skin tone; expected #rrggbb or a Monk tone, monk-1 to monk-10"
        );
        let err = SkinTone::parse("#12345").unwrap_err();
        assert!(err.to_string().starts_with("skin: "), "{err}");
    }

    #[test]
    fn hair_colours_parse_by_name_and_round_trip_through_display() {
        for hair in NAMED_HAIR {
            assert_eq!(HairColour::parse(&hair.to_string()).unwrap(), hair);
        }
        assert_eq!(HairColour::parse("Gray").unwrap(), HairColour::Grey);
        assert_eq!(
            HairColour::parse("#1C1A18").unwrap(),
            HairColour::Srgb(Srgb8 {
                r: 0x1c,
                g: 0x1a,
                b: 0x18
            })
        );
    }

    #[test]
    fn an_unknown_hair_colour_is_refused_naming_the_parameter_and_the_known_names() {
        let err = HairColour::parse("purple").unwrap_err();
        assert_eq!(
            err.to_string(),
            "hair: unknown colour \"purple\"; known: black, dark-brown, brown, light-brown, \
             grey, white, or #rrggbb"
        );
    }

    #[test]
    fn a_malformed_hex_hair_colour_is_refused_naming_the_parameter() {
        let err = HairColour::parse("#12345").unwrap_err();
        assert_eq!(
            err.to_string(),
            "hair: \"#12345\" is not a colour; expected six hex digits like #c68642"
        );
    }

    #[test]
    fn uv_exposure_parses_and_an_unknown_one_lists_the_known_names() {
        assert_eq!(Uv::parse("low").unwrap(), Uv::Low);
        assert_eq!(Uv::parse(" MEDIUM ").unwrap(), Uv::Medium);
        assert_eq!(Uv::parse("high").unwrap(), Uv::High);
        assert_eq!(
            Uv::parse("tropical").unwrap_err().to_string(),
            "uv: unknown exposure \"tropical\"; known: low, medium, high"
        );
    }

    #[test]
    fn a_plan_refuses_zero_or_more_than_four_sessions() {
        for sessions in [0, 5, 100] {
            let err = PigmentPlan::choose(&SkinTone::default(), &HairColour::Black, sessions)
                .unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("sessions: {sessions} is out of range; expected 1 to 4 sessions")
            );
        }
        for sessions in 1..=4 {
            let plan =
                PigmentPlan::choose(&SkinTone::default(), &HairColour::Black, sessions).unwrap();
            assert_eq!(plan.sessions.len(), sessions as usize);
            let numbers: Vec<u32> = plan.sessions.iter().map(|s| s.session).collect();
            assert_eq!(numbers, (1..=sessions).collect::<Vec<_>>());
        }
    }
}

mod pigment_plan {
    use super::*;

    #[test]
    fn every_hair_and_skin_combination_gives_a_neutral_ink() {
        for skin in every_skin() {
            for hair in every_hair() {
                for shade in plan(&skin, &hair).sessions {
                    assert!(is_neutral(shade.ink), "{skin} {hair}: {shade:?}");
                    assert!((0.0..=1.0).contains(&shade.ink.r));
                }
            }
        }
    }

    #[test]
    fn grey_and_white_hair_get_a_greyscale_plan_with_less_carbon_than_black_hair() {
        for skin in every_skin() {
            let black = plan(&skin, &HairColour::Black);
            assert!(!black.greyscale);
            for light in [HairColour::Grey, HairColour::White] {
                let light_plan = plan(&skin, &light);
                assert!(light_plan.greyscale, "{light}");
                for (l, b) in light_plan.sessions.iter().zip(&black.sessions) {
                    assert!(l.dilution < b.dilution, "{skin} {light}: {l:?} vs {b:?}");
                    assert!(l.name.ends_with("(grey-scale)"), "{}", l.name);
                }
            }
        }
    }

    #[test]
    fn light_brown_and_blonde_hair_are_light_and_dark_hair_is_not() {
        assert!(HairColour::LightBrown.is_light());
        assert!(HairColour::parse("#e6c98f").unwrap().is_light());
        for dark in [HairColour::Black, HairColour::DarkBrown, HairColour::Brown] {
            assert!(!dark.is_light(), "{dark}");
        }
    }

    #[test]
    fn lighter_hair_gets_less_carbon_on_the_same_skin() {
        for skin in every_skin() {
            let dilutions: Vec<f32> = NAMED_HAIR.iter().map(|h| matched(&skin, h)).collect();
            for pair in dilutions.windows(2) {
                assert!(pair[1] <= pair[0], "{skin}: {dilutions:?}");
            }
            assert!(dilutions[5] < dilutions[0], "{skin}: {dilutions:?}");
        }
    }

    #[test]
    fn session_one_is_lighter_than_session_two() {
        for skin in every_skin() {
            for hair in every_hair() {
                let p = plan(&skin, &hair);
                assert!(
                    p.sessions[0].dilution < p.sessions[1].dilution,
                    "{skin} {hair}: {:?}",
                    p.sessions
                );
                assert!(p.sessions[0].ink.r > p.sessions[1].ink.r);
            }
        }
    }

    #[test]
    fn later_sessions_stay_at_the_session_two_shade_or_slightly_darker() {
        for skin in every_skin() {
            for hair in every_hair() {
                let p = plan(&skin, &hair);
                let two = p.sessions[1].dilution;
                for later in &p.sessions[2..] {
                    assert!(later.dilution >= two);
                    assert!(later.dilution <= two * 1.1 + 0.005, "{later:?}");
                }
            }
        }
    }

    #[test]
    fn darker_skin_gets_a_stronger_mix_for_the_same_hair() {
        for hair in every_hair() {
            let dilutions: Vec<f32> = [1, 5, 8, 10]
                .into_iter()
                .map(|n| matched(&monk(n), &hair))
                .collect();
            for pair in dilutions.windows(2) {
                assert!(pair[1] > pair[0], "{hair}: {dilutions:?}");
            }
        }
    }

    #[test]
    fn very_fair_skin_with_black_hair_is_far_from_pure_black() {
        for skin in [monk(1), SkinTone::parse("#ffffff").unwrap()] {
            for shade in plan(&skin, &HairColour::Black).sessions {
                assert!(shade.dilution <= 0.35, "{shade:?}");
                assert!(shade.ink.r > 0.15, "{shade:?}");
            }
        }
    }

    #[test]
    fn no_mix_is_ever_pure_black_even_on_the_darkest_skin() {
        let darkest = SkinTone::parse("#000000").unwrap();
        let black_hair = HairColour::parse("#000000").unwrap();
        for shade in plan(&darkest, &black_hair).sessions {
            assert!(shade.dilution <= 0.7, "{shade:?}");
            assert!(shade.ink.r > 0.0);
        }
    }

    #[test]
    fn the_default_plan_reads_as_expected() {
        let p = PigmentPlan::choose(&SkinTone::default(), &HairColour::Black, 3).unwrap();
        let names: Vec<&str> = p.sessions.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "carbon black, 20%",
                "carbon black, 29%",
                "carbon black, 32%"
            ]
        );
        assert!(p.sessions[0]
            .reason
            .starts_with("Foundation: a lighter 20% mix"));
        assert!(p.sessions[1].reason.contains("matched to your black hair"));
        assert!(p
            .explanation
            .iter()
            .any(|line| line.contains("(000, 001, 004)")));
    }

    #[test]
    fn every_session_has_a_reason_and_the_plan_an_explanation() {
        for sessions in 1..=4 {
            let p = PigmentPlan::choose(&monk(8), &HairColour::Grey, sessions).unwrap();
            assert!(p.sessions.iter().all(|s| s.reason.ends_with('.')));
            assert!(p.explanation.len() >= 4);
            assert!(p.explanation.iter().any(|l| l.contains("Grey-scale")));
        }
    }

    #[test]
    fn the_plan_serializes_for_design_json() {
        let p = PigmentPlan::choose(&monk(6), &HairColour::Grey, 2).unwrap();
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["greyscale"], true);
        assert_eq!(json["sessions"][1]["session"], 2);
        assert_eq!(json["sessions"][1]["name"], p.sessions[1].name.as_str());
        assert!(json["sessions"][0]["ink"]["r"].is_number());
        assert!(json["explanation"].is_array());
        assert_eq!(serde_json::to_value(monk(6)).unwrap(), "monk-6");
        assert_eq!(
            serde_json::to_value(HairColour::DarkBrown).unwrap(),
            "dark-brown"
        );
    }

    proptest! {
        #[test]
        fn any_plan_is_neutral_within_bounds_and_ordered(
            skin in any::<(u8, u8, u8)>(),
            hair in any::<(u8, u8, u8)>(),
            sessions in 1u32..=4,
        ) {
            let skin = SkinTone::from_srgb(Srgb8 { r: skin.0, g: skin.1, b: skin.2 });
            let hair = HairColour::Srgb(Srgb8 { r: hair.0, g: hair.1, b: hair.2 });
            let p = PigmentPlan::choose(&skin, &hair, sessions).unwrap();
            prop_assert_eq!(p.sessions.len(), sessions as usize);
            for s in &p.sessions {
                prop_assert!(is_neutral(s.ink));
                prop_assert!(s.dilution > 0.0 && s.dilution <= 0.7);
            }
            for pair in p.sessions.windows(2) {
                prop_assert!(pair[0].dilution <= pair[1].dilution);
            }
        }

        #[test]
        fn a_darker_skin_never_gets_a_weaker_mix(
            a in any::<(u8, u8, u8)>(),
            b in any::<(u8, u8, u8)>(),
            hair in 0usize..6,
        ) {
            let a = SkinTone::from_srgb(Srgb8 { r: a.0, g: a.1, b: a.2 });
            let b = SkinTone::from_srgb(Srgb8 { r: b.0, g: b.1, b: b.2 });
            let (light, dark) = if a.luminance() >= b.luminance() { (a, b) } else { (b, a) };
            let hair = NAMED_HAIR[hair];
            prop_assert!(matched(&dark, &hair) >= matched(&light, &hair));
        }
    }
}

mod appearance {
    use super::*;

    #[test]
    fn a_touch_up_is_due_after_four_to_six_years_with_medium_uv() {
        let years = touch_up_due_years(Uv::Medium);
        assert!((4.0..=6.0).contains(&years), "{years}");
    }

    #[test]
    fn a_touch_up_is_due_after_about_eight_years_with_low_uv_and_three_to_four_with_high() {
        let low = touch_up_due_years(Uv::Low);
        let high = touch_up_due_years(Uv::High);
        assert!((7.0..=9.0).contains(&low), "{low}");
        assert!((3.0..=4.0).contains(&high), "{high}");
        assert!(high < touch_up_due_years(Uv::Medium));
        assert!(touch_up_due_years(Uv::Medium) < low);
    }

    #[test]
    fn at_the_touch_up_date_three_quarters_of_the_density_remains() {
        for uv in [Uv::Low, Uv::Medium, Uv::High] {
            let left = remaining_density(touch_up_due_years(uv), uv);
            assert!((left - 0.75).abs() < 1e-4, "{uv}: {left}");
        }
    }

    #[test]
    fn remaining_density_falls_every_year_and_faster_with_more_uv() {
        for uv in [Uv::Low, Uv::Medium, Uv::High] {
            assert_eq!(remaining_density(0.0, uv), 1.0);
            let mut previous = 1.0;
            for tenth in 1..=300 {
                let now = remaining_density(tenth as f32 / 10.0, uv);
                assert!(now < previous, "{uv} at {tenth}");
                assert!(now > 0.0);
                previous = now;
            }
        }
        for years in [0.5, 1.0, 5.0, 20.0] {
            let low = remaining_density(years, Uv::Low);
            let medium = remaining_density(years, Uv::Medium);
            let high = remaining_density(years, Uv::High);
            assert!(
                high < medium && medium < low,
                "{years}: {high} {medium} {low}"
            );
        }
    }

    #[test]
    fn a_fresh_dot_is_darker_than_the_healed_one() {
        for skin in every_skin() {
            for hair in every_hair() {
                let shade = session_two(&skin, &hair);
                let fresh = look(&shade, &skin, Stage::Fresh { days: 1.0 });
                let healed = look(&shade, &skin, Stage::Healed { years: 0.1 });
                let (f, h) = (fresh.transmittance, healed.transmittance);
                assert!(
                    f.r < h.r && f.g < h.g && f.b < h.b,
                    "{skin} {hair}: {f:?} {h:?}"
                );
            }
        }
    }

    #[test]
    fn a_fresh_dot_is_crisp_and_the_healed_one_larger_and_softer_at_full_coverage() {
        let skin = SkinTone::default();
        let shade = session_two(&skin, &HairColour::Black);
        let fresh = look(&shade, &skin, Stage::Fresh { days: 0.0 });
        let healed = look(&shade, &skin, Stage::Healed { years: 1.0 });
        assert_eq!(fresh.size_factor, 1.0);
        assert_eq!(fresh.opacity, 1.0);
        assert!(fresh.softness <= 0.2);
        assert!((healed.size_factor - 1.1).abs() < 1e-6);
        assert!(healed.softness > fresh.softness);
        assert_eq!(healed.opacity, 1.0);
    }

    #[test]
    fn a_dot_darkens_the_skin_in_every_channel_and_never_beyond_0_to_1() {
        for skin in every_skin() {
            for hair in every_hair() {
                for shade in plan(&skin, &hair).sessions {
                    for stage in [
                        Stage::Fresh { days: 0.0 },
                        Stage::Fresh { days: 10.0 },
                        Stage::Healed { years: 0.0 },
                        Stage::Healed { years: 30.0 },
                    ] {
                        let t = look(&shade, &skin, stage).transmittance;
                        for c in [t.r, t.g, t.b] {
                            assert!(c > 0.0 && c < 1.0, "{skin} {hair} {stage:?}: {t:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn redness_shows_on_day_one_and_is_gone_by_day_five() {
        for skin in every_skin() {
            let shade = session_two(&skin, &HairColour::Black);
            let day0 = look(&shade, &skin, Stage::Fresh { days: 0.0 });
            let day1 = look(&shade, &skin, Stage::Fresh { days: 1.0 });
            let halo = day1.redness.expect("red on day one");
            assert!(halo.opacity > 0.0 && halo.opacity < day0.redness.unwrap().opacity);
            assert!(halo.radius_factor > 1.0);
            assert!(halo.color.r >= halo.color.g && halo.color.r >= halo.color.b);
            if skin.luminance() > 0.0 {
                assert!(halo.color.r > halo.color.g, "red, not grey: {halo:?}");
            }
            for days in [3.0, 5.0, 14.0] {
                assert!(look(&shade, &skin, Stage::Fresh { days }).redness.is_none());
            }
            assert!(look(&shade, &skin, Stage::Healed { years: 0.0 })
                .redness
                .is_none());
        }
    }

    #[test]
    fn a_healed_dot_leans_cool_grey_but_is_never_more_than_slightly_chromatic() {
        for skin in every_skin() {
            for hair in every_hair() {
                for shade in plan(&skin, &hair).sessions {
                    for years in [0.0, 1.0, 5.0, 20.0] {
                        let t = look(&shade, &skin, Stage::Healed { years }).transmittance;
                        assert!(channel_spread(t) <= 0.05, "{skin} {hair} {years}: {t:?}");
                        assert!(t.b >= t.r, "cool, not warm: {t:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_fresh_dot_on_the_session_day_is_neutral() {
        let skin = monk(5);
        let shade = session_two(&skin, &HairColour::Brown);
        let t = look(&shade, &skin, Stage::Fresh { days: 0.0 }).transmittance;
        assert!(channel_spread(t) < 1e-6, "{t:?}");
    }

    #[test]
    fn fading_lightens_a_healed_dot_without_shifting_its_hue() {
        let skin = monk(4);
        let shade = session_two(&skin, &HairColour::DarkBrown);
        let density = |years: f32| {
            let t = look(&shade, &skin, Stage::Healed { years }).transmittance;
            [-t.r.ln(), -t.g.ln(), -t.b.ln()]
        };
        let new = density(0.0);
        let old = density(8.0);
        let left = remaining_density(8.0, Uv::Medium);
        for c in 0..3 {
            assert!(old[c] < new[c]);
            assert!(
                (old[c] / new[c] - left).abs() < 1e-4,
                "{c}: {new:?} {old:?}"
            );
        }
    }

    #[test]
    fn a_healed_dot_of_the_matched_shade_has_the_contrast_the_plan_aimed_at() {
        let skin = monk(3);
        let shade = session_two(&skin, &HairColour::Black);
        let t = look(&shade, &skin, Stage::Healed { years: 0.0 }).transmittance;
        assert!((0.2..0.3).contains(&t.g), "{t:?}");
    }

    #[test]
    fn stage_constructors_refuse_nan_infinite_and_negative_times() {
        assert_eq!(
            Stage::fresh(-1.0).unwrap_err().to_string(),
            "days: -1 is not a time since the session; expected 0 or more days"
        );
        assert_eq!(
            Stage::healed(f32::NAN).unwrap_err().to_string(),
            "years: NaN is not a time since the session; expected 0 or more years"
        );
        assert!(Stage::healed(f32::INFINITY).is_err());
        assert!(Stage::after_days(f32::NEG_INFINITY).is_err());
        assert_eq!(Stage::fresh(2.5).unwrap(), Stage::Fresh { days: 2.5 });
        assert_eq!(Stage::healed(5.0).unwrap(), Stage::Healed { years: 5.0 });
    }

    #[test]
    fn stage_after_days_is_fresh_for_four_weeks_then_healed() {
        assert_eq!(
            Stage::after_days(27.0).unwrap(),
            Stage::Fresh { days: 27.0 }
        );
        assert_eq!(
            Stage::after_days(365.25).unwrap(),
            Stage::Healed { years: 1.0 }
        );
    }

    #[test]
    fn nan_and_negative_times_given_directly_count_as_the_session_day_without_panicking() {
        let skin = SkinTone::default();
        let shade = session_two(&skin, &HairColour::Black);
        assert_eq!(remaining_density(f32::NAN, Uv::Medium), 1.0);
        assert_eq!(remaining_density(-3.0, Uv::High), 1.0);
        assert_eq!(remaining_density(f32::INFINITY, Uv::Low), 0.0);
        let day0 = look(&shade, &skin, Stage::Fresh { days: 0.0 });
        assert_eq!(look(&shade, &skin, Stage::Fresh { days: f32::NAN }), day0);
        assert_eq!(look(&shade, &skin, Stage::Fresh { days: -2.0 }), day0);
        let healed0 = look(&shade, &skin, Stage::Healed { years: 0.0 });
        assert_eq!(
            look(&shade, &skin, Stage::Healed { years: f32::NAN }),
            healed0
        );
        assert_eq!(look(&shade, &skin, Stage::Healed { years: -1.0 }), healed0);
        let forever = look(
            &shade,
            &skin,
            Stage::Healed {
                years: f32::INFINITY,
            },
        );
        assert_eq!(forever.transmittance, LinearRgb::grey(1.0));
        let late = look(
            &shade,
            &skin,
            Stage::Fresh {
                days: f32::INFINITY,
            },
        );
        assert_eq!(late, look(&shade, &skin, Stage::Fresh { days: 28.0 }));
    }

    proptest! {
        #[test]
        fn any_time_gives_a_look_within_bounds(
            days in any::<f32>(),
            years in any::<f32>(),
            uv in 0usize..3,
            dilution in 0.0f32..=1.0,
        ) {
            let uv = [Uv::Low, Uv::Medium, Uv::High][uv];
            let skin = SkinTone::default();
            let mut shade = session_two(&skin, &HairColour::Black);
            shade.dilution = dilution;
            for stage in [Stage::Fresh { days }, Stage::Healed { years }] {
                let l = dot_look(&shade, &skin, stage, uv);
                for c in [l.transmittance.r, l.transmittance.g, l.transmittance.b] {
                    prop_assert!((0.0..=1.0).contains(&c));
                }
                prop_assert!(l.opacity > 0.0 && l.opacity <= 1.0);
                prop_assert!(l.size_factor >= 1.0 && l.size_factor <= 1.1 + 1e-6);
                prop_assert!(l.softness > 0.0 && l.softness < 1.0);
            }
            let r = remaining_density(years, uv);
            prop_assert!((0.0..=1.0).contains(&r));
        }
    }
}

//! `smp design`: the files it writes, their determinism, and bad parameters.

use super::support::smp;

fn out_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("smp-design-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn design(dir: &std::path::Path, extra: &[&str]) -> super::support::Run {
    let mut args = vec![
        "design",
        "--pattern",
        "norwood-5",
        "--hairline",
        "conservative",
        "--sessions",
        "3",
        "--seed",
        "7",
    ];
    if !extra.iter().any(|a| a.starts_with("--size")) {
        args.extend_from_slice(&["--size", "128"]);
    }
    args.push("--out");
    let dir = dir.to_str().unwrap().to_string();
    args.push(&dir);
    args.extend_from_slice(extra);
    smp(&args)
}

#[test]
fn a_design_writes_its_json_pictures_and_map_byte_identically_for_the_same_seed() {
    let (a, b) = (out_dir("a"), out_dir("b"));
    design(&a, &[]).ok();
    design(&b, &[]).ok();
    let files = [
        "design.json",
        "top.png",
        "front.png",
        "closeup.png",
        "session-1.png",
        "session-2.png",
        "session-3.png",
        "map.svg",
    ];
    for file in files {
        let x = std::fs::read(a.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let y = std::fs::read(b.join(file)).unwrap();
        assert!(x == y, "{file} differs between two runs with the same seed");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(a.join("design.json")).unwrap()).unwrap();
    assert_eq!(json["sessions"].as_array().unwrap().len(), 3);
    let dot = &json["sessions"][0]["dots"][0];
    assert!(
        dot["x"].is_number() && dot["y"].is_number() && dot["d"].is_number(),
        "{dot}"
    );
    assert!(json["treated_area_cm2"].as_f64().unwrap() > 50.0);
    assert!(json["quality"][2]["min_spacing_ratio"].as_f64().unwrap() >= 0.9);
    assert!(std::fs::read_to_string(a.join("map.svg"))
        .unwrap()
        .contains("planned needle time"));
    let _ = std::fs::remove_dir_all(&a);
    let _ = std::fs::remove_dir_all(&b);
}

#[test]
fn no_render_writes_only_the_json() {
    let dir = out_dir("json");
    design(&dir, &["--no-render"]).ok();
    assert!(dir.join("design.json").exists());
    assert!(!dir.join("top.png").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_design_parameters_are_refused_with_their_name_and_exit_2() {
    let dir = out_dir("bad");
    let cases: [(&[&str], &str); 6] = [
        (
            &["--skin", "olive"],
            "error: skin: \"olive\" is not a skin tone",
        ),
        (
            &["--hair", "purple"],
            "error: hair: unknown colour \"purple\"",
        ),
        (
            &["--uv", "extreme"],
            "error: uv: unknown exposure \"extreme\"",
        ),
        (&["--years", "NaN"], "error: years:"),
        (
            &["--size", "100000"],
            "error: size: must be between 64 and 8192 pixels, got 100000",
        ),
        (
            &["--density=-5"],
            "error: density: must be between 20 and 140, got -5",
        ),
    ];
    for (extra, message) in cases {
        let run = design(&dir, extra);
        let stderr = run.refused();
        assert!(stderr.starts_with(message), "{extra:?}: {stderr}");
    }
    let run = smp(&[
        "design",
        "--pattern",
        "norwood-9",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(run
        .refused()
        .starts_with("error: pattern: unknown pattern \"norwood-9\"; known: norwood-1"));
    let run = smp(&[
        "design",
        "--pattern",
        "norwood-2",
        "--hairline",
        "mohawk",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(run
        .refused()
        .starts_with("error: hairline: unknown style \"mohawk\""));
    let run = smp(&[
        "design",
        "--pattern",
        "norwood-2",
        "--sessions",
        "7",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(run.refused().starts_with("error: sessions:"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hairline_and_pattern_parameters_change_the_design_and_bad_ones_are_named() {
    let (a, b) = (out_dir("p1"), out_dir("p2"));
    design(&a, &["--no-render"]).ok();
    design(
        &b,
        &[
            "--no-render",
            "--hairline-height",
            "70",
            "--temple-recess",
            "5",
            "--irregularity",
            "0",
        ],
    )
    .ok();
    let read = |d: &std::path::Path| std::fs::read_to_string(d.join("design.json")).unwrap();
    assert_ne!(read(&a), read(&b));
    let json: serde_json::Value = serde_json::from_str(&read(&b)).unwrap();
    assert_eq!(json["parameters"]["head"]["hairline_height"], 70.0);
    assert_eq!(json["parameters"]["hairline"]["temple_recess"], 5.0);
    let cases: [(&[&str], &str); 5] = [
        (
            &["--irregularity", "5"],
            "error: irregularity: must be between 0 and 2, got 5",
        ),
        (
            &["--hairline-height", "300"],
            "error: hairline-height: must be between 40 and 130 mm, got 300",
        ),
        (
            &["--remaining", "0.5"],
            "error: remaining: does not apply to the pattern norwood-5",
        ),
        (&["--days", "-1"], "error: days:"),
        (
            &["--temple-recess", "-40"],
            "error: temple-recess: must be between -10 and 45, got -40",
        ),
    ];
    for (extra, message) in cases {
        let run = design(&a, extra);
        assert!(
            run.refused().starts_with(message),
            "{extra:?}: {}",
            run.stderr
        );
    }
    let run = smp(&[
        "design",
        "--pattern",
        "scar-fut",
        "--scar",
        "8by200",
        "--out",
        a.to_str().unwrap(),
    ]);
    assert!(run
        .refused()
        .starts_with("error: scar: \"8by200\" is not WIDTHxLENGTH in mm"));
    let run = smp(&[
        "design",
        "--pattern",
        "diffuse",
        "--remaining",
        "1.5",
        "--out",
        a.to_str().unwrap(),
    ]);
    assert!(run
        .refused()
        .starts_with("error: remaining: must be between 0.05 and 0.95, got 1.5"));
    let _ = std::fs::remove_dir_all(&a);
    let _ = std::fs::remove_dir_all(&b);
}

#[test]
fn a_custom_area_from_a_file_is_designed_and_a_bad_one_is_named() {
    let dir = out_dir("custom");
    std::fs::create_dir_all(&dir).unwrap();
    let area = dir.join("area.json");
    std::fs::write(&area, "[[-30, 40], [30, 40], [30, -20], [-30, -20]]").unwrap();
    let out = dir.join("out");
    let run = smp(&[
        "design",
        "--pattern",
        "custom",
        "--area",
        area.to_str().unwrap(),
        "--no-render",
        "--out",
        out.to_str().unwrap(),
    ]);
    run.ok();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("design.json")).unwrap()).unwrap();
    let area_cm2 = json["treated_area_cm2"].as_f64().unwrap();
    assert!(
        (25.0..45.0).contains(&area_cm2),
        "{area_cm2} cm² for a 6 × 6 cm square"
    );
    std::fs::write(&area, "[[0, 0], [1]]").unwrap();
    let run = smp(&[
        "design",
        "--pattern",
        "custom",
        "--area",
        area.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run.refused().starts_with("error: area: "), "{}", run.stderr);
    std::fs::write(&area, "[[0, 0], [1, 1]]").unwrap();
    let run = smp(&[
        "design",
        "--pattern",
        "custom",
        "--area",
        area.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run
        .refused()
        .starts_with("error: area: a custom area needs at least 3 finite corners"));
    let run = smp(&[
        "design",
        "--pattern",
        "custom",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run
        .refused()
        .starts_with("error: area: --pattern custom needs --area"));
    let _ = std::fs::remove_dir_all(&dir);
}

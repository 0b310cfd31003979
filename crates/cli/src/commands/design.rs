//! `smp design`.

use std::path::Path;

use smp_design::{
    check_size, encode_png, practitioner_map, render, Design, DesignError, DesignParams,
    HairColour, HairlineStyle, LossPattern, Moment, SkinTone, Stage, Uv, View,
};

use crate::args::DesignArgs;
use crate::failure::Failure;
use crate::inputs::{self, outln};

impl From<DesignError> for Failure {
    fn from(err: DesignError) -> Failure {
        Failure::BadInput(err.to_string())
    }
}

/// Makes a design and writes design.json, the pictures and the map into the output folder.
pub fn run(args: &DesignArgs) -> Result<(), Failure> {
    let mut params = DesignParams::new(pattern(args)?, HairlineStyle::parse(&args.hairline)?);
    if let Some(height) = args.hairline_height {
        params.head.hairline_height = height;
    }
    let hairline = &mut params.hairline;
    hairline.temple_recess = args.temple_recess.unwrap_or(hairline.temple_recess);
    hairline.temple_width = args.temple_width.unwrap_or(hairline.temple_width);
    hairline.irregularity = args.irregularity.unwrap_or(hairline.irregularity);
    params.sessions = args.sessions;
    params.seed = args.seed;
    params.density_per_cm2 = args.density;
    params.skin = SkinTone::parse(&args.skin)?;
    params.hair = HairColour::parse(&args.hair)?;
    params.uv = Uv::parse(&args.uv)?;
    let shown = match args.days {
        Some(days) => Stage::fresh(days)?,
        None => Stage::healed(args.years)?,
    };
    if !args.no_render {
        check_size(args.size)?;
    }
    let design = Design::new(params)?;
    std::fs::create_dir_all(&args.out).map_err(|err| {
        Failure::BadInput(format!("out: cannot create {}: {err}", args.out.display()))
    })?;
    let mut json = serde_json::to_string_pretty(&design.to_json())
        .map_err(|err| Failure::Internal(format!("cannot write design.json: {err}")))?;
    json.push('\n');
    write(&args.out, "design.json", json.as_bytes())?;
    let mut written = vec!["design.json".to_string()];
    if !args.no_render {
        let last = design.params.sessions;
        let finished = Moment {
            after_session: last,
            stage: shown,
        };
        for (name, view) in [
            ("top.png", View::Top),
            ("front.png", View::Front),
            ("back.png", View::Back),
            ("closeup.png", View::Closeup),
        ] {
            let canvas = render(&design, view, args.size, finished)?;
            write(&args.out, name, &encode_png(&canvas)?)?;
            written.push(name.to_string());
        }
        let healed = Stage::healed(0.0)?;
        for session in 1..=last {
            let moment = Moment {
                after_session: session,
                stage: healed,
            };
            let canvas = render(&design, View::Top, args.size, moment)?;
            let name = format!("session-{session}.png");
            write(&args.out, &name, &encode_png(&canvas)?)?;
            written.push(name);
        }
        write(&args.out, "map.svg", practitioner_map(&design).as_bytes())?;
        written.push("map.svg".to_string());
    }
    let mut out = String::new();
    outln!(
        out,
        "{} dots over {:.0} cm² in {} sessions; wrote {} in {}",
        design.dots.len(),
        design.treated_area_cm2(),
        design.params.sessions,
        written.join(", "),
        args.out.display()
    );
    for shade in &design.pigment.sessions {
        outln!(
            out,
            "session {}: {} — {}",
            shade.session,
            shade.name,
            shade.reason
        );
    }
    inputs::emit(&out)
}

/// The loss pattern by name, with any of its parameters given on the command line.
fn pattern(args: &DesignArgs) -> Result<LossPattern, Failure> {
    if args.pattern == "custom" {
        return custom_area(args);
    }
    if args.area.is_some() {
        return Err(Failure::BadInput(format!(
            "area: applies to --pattern custom, not {}",
            args.pattern
        )));
    }
    let mut pattern = LossPattern::parse(&args.pattern)?;
    match &mut pattern {
        LossPattern::Diffuse { remaining } => *remaining = args.remaining.unwrap_or(*remaining),
        LossPattern::AlopeciaAreata { patches } => *patches = args.patches.unwrap_or(*patches),
        LossPattern::FueScars { count } => *count = args.scars.unwrap_or(*count),
        LossPattern::FutScar { width, length } => {
            if let Some(text) = &args.scar {
                let parsed = text
                    .split_once('x')
                    .and_then(|(w, l)| Some((w.trim().parse().ok()?, l.trim().parse().ok()?)));
                let Some((w, l)) = parsed else {
                    return Err(Failure::BadInput(format!(
                        "scar: \"{text}\" is not WIDTHxLENGTH in mm, such as 8x200"
                    )));
                };
                (*width, *length) = (w, l);
            }
        }
        _ => {}
    }
    let given = [
        (
            "remaining",
            args.remaining.is_some(),
            matches!(pattern, LossPattern::Diffuse { .. }),
        ),
        (
            "patches",
            args.patches.is_some(),
            matches!(pattern, LossPattern::AlopeciaAreata { .. }),
        ),
        (
            "scar",
            args.scar.is_some(),
            matches!(pattern, LossPattern::FutScar { .. }),
        ),
        (
            "scars",
            args.scars.is_some(),
            matches!(pattern, LossPattern::FueScars { .. }),
        ),
    ];
    if let Some((name, _, _)) = given.iter().find(|(_, given, fits)| *given && !fits) {
        return Err(Failure::BadInput(format!(
            "{name}: does not apply to the pattern {}",
            args.pattern
        )));
    }
    Ok(pattern)
}

/// A custom bald area from the `--area` file: a JSON list of [x, y] corners.
fn custom_area(args: &DesignArgs) -> Result<LossPattern, Failure> {
    let Some(path) = &args.area else {
        return Err(Failure::BadInput(
            "area: --pattern custom needs --area FILE.json with the area's corners".to_string(),
        ));
    };
    let text = inputs::read(path, "area file")?;
    let corners: Vec<[f32; 2]> = serde_json::from_str(&text).map_err(|err| {
        Failure::BadInput(format!(
            "area: {}: expected a list of [x, y] corners in mm: {err}",
            path.display()
        ))
    })?;
    let points = corners
        .iter()
        .map(|[x, y]| smp_design::ChartPoint::new(*x, *y))
        .collect();
    Ok(LossPattern::Custom { points })
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), Failure> {
    let path = dir.join(name);
    std::fs::write(&path, bytes)
        .map_err(|err| Failure::BadInput(format!("out: cannot write {}: {err}", path.display())))
}

//! `smp design`.

use std::path::Path;

use smp_design::{
    encode_png, practitioner_map, render, Design, DesignError, DesignParams, HairColour,
    HairlineStyle, LossPattern, Moment, SkinTone, Stage, Uv, View,
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
    let mut params = DesignParams::new(
        LossPattern::parse(&args.pattern)?,
        HairlineStyle::parse(&args.hairline)?,
    );
    params.sessions = args.sessions;
    params.seed = args.seed;
    params.density_per_cm2 = args.density;
    params.skin = SkinTone::parse(&args.skin)?;
    params.hair = HairColour::parse(&args.hair)?;
    params.uv = Uv::parse(&args.uv)?;
    let years = Stage::healed(args.years)?;
    if !args.no_render && !(smp_design::MIN_SIZE..=smp_design::MAX_SIZE).contains(&args.size) {
        return Err(Failure::BadInput(format!(
            "size: must be between {} and {} pixels, got {}",
            smp_design::MIN_SIZE,
            smp_design::MAX_SIZE,
            args.size
        )));
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
            stage: years,
        };
        for (name, view) in [
            ("top.png", View::Top),
            ("front.png", View::Front),
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

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), Failure> {
    let path = dir.join(name);
    std::fs::write(&path, bytes)
        .map_err(|err| Failure::BadInput(format!("out: cannot write {}: {err}", path.display())))
}

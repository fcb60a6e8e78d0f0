//! Writes a SKOS file as the normalised Turtle the server ships (see
//! `thesauri/SOURCES.md`): only the scheme, its concepts and the properties Moisson keeps.
//!
//! `cargo run -p moisson-thesaurus --example normalise -- IN OUT ID [SCHEME_URI]`

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, id, rest @ ..] = args.as_slice() else {
        eprintln!("usage: normalise IN OUT ID [SCHEME_URI]");
        return ExitCode::FAILURE;
    };
    let run = || -> Result<usize, Box<dyn std::error::Error>> {
        let bytes = std::fs::read(input)?;
        let syntax = moisson_thesaurus::Syntax::of_path(input)?;
        let t = moisson_thesaurus::read(&bytes, syntax, id, rest.first().map(String::as_str))?;
        std::fs::write(output, moisson_thesaurus::to_turtle(&t)?)?;
        Ok(t.concepts.len())
    };
    match run() {
        Ok(n) => {
            eprintln!("{output}: {n} concepts");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{input}: {e}");
            ExitCode::FAILURE
        }
    }
}

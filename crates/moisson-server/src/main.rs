//! The `moisson` binary; everything lives in the library so tests can reach it.

fn main() -> std::process::ExitCode {
    moisson_server::cli::main()
}

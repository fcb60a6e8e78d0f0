//! The `moisson` binary; everything lives in the library so tests can reach it.

// Parsing and indexing records allocate many small strings; mimalloc cut the import's
// CPU time markedly against glibc malloc (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    moisson_server::cli::main()
}

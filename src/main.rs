//! The `cookielint` binary: parses arguments and hands over to [`cli`].

mod cli;

/// jemalloc: a corpus run allocates and frees millions of small strings while the summaries
/// it keeps grow, which fragments glibc's heap (its free lists grow with the corpus, and
/// 100,000 documents took 13x the time of 10,000); see BENCHMARKS.md. Its settings are
/// fixed at build time in `.cargo/config.toml`.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}

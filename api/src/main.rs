use clap::Parser;
use intercoop_api::cli::{self, Cli, Command};
use intercoop_api::config::Settings;

/// mimalloc rather than the system allocator: a request allocates many small values, and glibc's allocator spent a
/// fifth of a list request's CPU time under the benchmark's load (bench/run).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option, as its version 3 numbers them (`mi_option_e` in its `mimalloc.h`), to commit arena memory
/// when it is used rather than when it is reserved, so that the process holds what it uses
/// (`MIMALLOC_ARENA_EAGER_COMMIT` still overrides it).
fn tune_allocator() {
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    if std::env::var_os("MIMALLOC_ARENA_EAGER_COMMIT").is_none() {
        // SAFETY: sets one of mimalloc's options; 0 is a valid value for it.
        unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) };
    }
}

/// Gives the memory this thread has freed back to the system now, rather than at its next allocation.
fn return_freed_memory() {
    // SAFETY: mimalloc's collection of the calling thread's free memory; it has no preconditions.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

fn main() -> anyhow::Result<()> {
    tune_allocator();
    let cli = Cli::parse();
    let settings = Settings::load()?;
    cli::run(cli.command.unwrap_or(Command::Serve), settings, return_freed_memory)
}

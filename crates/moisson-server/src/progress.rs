//! Progress bars of the CLI, drawn on stderr only when it is a terminal, so that
//! scripts and tests read plain output.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar counting rows copied, its message naming the table (`moisson db copy`).
#[must_use]
pub fn rows_bar() -> ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{spinner} {msg}: {pos} rows, {per_sec}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar
}

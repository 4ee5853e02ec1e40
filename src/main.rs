//! The nnbook command line: parses arguments and calls the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "nnbook",
    version,
    about = "Build visual neural-network tutorials from Markdown"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site: evaluate every lesson's network, draw its figures, render the pages.
    Build {
        /// The project folder (with `content/` and optionally `templates/`).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder [default: ROOT/site].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print nothing on success.
        #[arg(long, short)]
        quiet: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, out, quiet } => {
            let out = out.unwrap_or_else(|| {
                if root == Path::new(".") {
                    PathBuf::from("site")
                } else {
                    root.join("site")
                }
            });
            match nnbook::build(&nnbook::BuildOptions { root, out }) {
                Ok(summary) => {
                    if !quiet {
                        println!("{summary}");
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprint!("{error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

//! The nnbook command line: parses arguments and calls the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use nnbook::{Diagnostic, Error};

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
        /// The project folder (with `content/`, optionally `templates/` and `nnbook.toml`).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder [default: ROOT/site].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print nothing on success.
        #[arg(long, short)]
        quiet: bool,
        /// The site's public address (for sitemap.xml and page URLs), overriding nnbook.toml.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Check every lesson and template and report all problems; writes nothing.
    Check {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Serve the site with live reload while you edit.
    Serve {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port (the next free one is used if it is taken; 0 picks any free port).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on (loopback by default).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
    },
    /// Write a new lesson, `content/<slug>.md`, from a starter that builds.
    New {
        /// The lesson's title.
        title: String,
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new project that builds at once.
    Init {
        /// The folder to create the project in.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            root,
            out,
            quiet,
            base_url,
        } => {
            let out = out.unwrap_or_else(|| {
                if root == Path::new(".") {
                    PathBuf::from("site")
                } else {
                    root.join("site")
                }
            });
            nnbook::build(&nnbook::BuildOptions {
                root,
                out,
                base_url,
            })
            .map(|summary| {
                report(&summary.warnings);
                if !quiet {
                    println!("{summary}");
                }
            })
        }
        Command::Check { root } => nnbook::check(&root).map(|site| {
            report(&site.warnings);
            println!(
                "checked {} lesson{}, {} figure{}: no errors, {} warning{}",
                site.lessons,
                plural(site.lessons),
                site.figures,
                plural(site.figures),
                site.warnings.len(),
                plural(site.warnings.len())
            );
        }),
        Command::Serve {
            root,
            port,
            bind,
            open,
        } => nnbook::serve::run(&nnbook::serve::ServeOptions {
            root,
            port,
            bind,
            open,
        })
        .map_err(Error::from),
        Command::New { title, root } => nnbook::scaffold::new_lesson(&root, &title)
            .map(|path| println!("wrote {}", path.display()))
            .map_err(Error::from),
        Command::Init { dir } => nnbook::scaffold::init(&dir)
            .map(|written| {
                for path in &written {
                    println!("wrote {}", path.display());
                }
                println!(
                    "next: cd {} && nnbook build (or nnbook serve)",
                    dir.display()
                );
            })
            .map_err(Error::from),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprint!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn report(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

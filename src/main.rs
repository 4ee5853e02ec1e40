//! The nnbook command line: parses arguments and hands them to one command in `cmd/`.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use nnbook::message_format::MessageFormat;
use nnbook::serve::ServeOptions;
use nnbook::BuildOptions;

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
        /// Replace the output folder even if nnbook did not build it (everything in it is lost).
        #[arg(long)]
        force: bool,
        /// Build the lessons marked `draft = true` too.
        #[arg(long)]
        drafts: bool,
        /// Fail on any warning, publishing nothing (as `check --deny-warnings`).
        #[arg(long)]
        deny_warnings: bool,
        /// How problems are written: for a reader, one line each (an editor's error list),
        /// JSON Lines, or GitHub Actions annotations.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        message_format: Format,
    },
    /// Check every lesson and template and report all problems; writes nothing.
    Check {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check the lessons marked `draft = true` too.
        #[arg(long)]
        drafts: bool,
        /// Fail on any warning (a broken link, a network no figure uses): each is an error.
        #[arg(long)]
        deny_warnings: bool,
        /// How problems are written (as `build`'s).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        message_format: Format,
    },
    /// Remove the site a build made and what a build keeps beside it.
    ///
    /// The output folder and `.site.nnbook-*` go: the next build starts from nothing. A folder
    /// nnbook did not build, or a site holding a file it did not write, is refused, untouched.
    Clean {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder [default: ROOT/site].
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Serve the site with live reload while you edit.
    Serve {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port [default: 1111, or the next free one if it is taken]; a port given is that
        /// port, or an error if it is taken (0 picks any free port).
        #[arg(long, short)]
        port: Option<u16>,
        /// The address to listen on (loopback by default).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
        /// Serve the lessons marked `draft = true` too.
        #[arg(long)]
        drafts: bool,
    },
    /// Write a new lesson, `content/<slug>.md`, from a starter that builds.
    New {
        /// The lesson's title.
        title: String,
        /// Make it the next part of this series (`series` and `part` in its front matter).
        #[arg(long)]
        series: Option<String>,
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print every word nnbook puts on a language's pages ("Contents", "Next", the figures'
    /// descriptions) as a `[languages.<LANG>.words]` table for nnbook.toml, to translate.
    ///
    /// The project's own words where it gives them, else nnbook's: English for a language it
    /// does not know (it knows twenty: English, Arabic, Chinese, Dutch, French, German, Hebrew,
    /// Hindi, Indonesian, Italian, Japanese, Korean, Persian, Polish, Portuguese, Russian,
    /// Spanish, Turkish, Ukrainian and Vietnamese).
    Words {
        /// The language tag, as in the lessons' file names (`fr` for `relu.fr.md`).
        lang: String,
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new project that builds at once.
    Init {
        /// The folder to create the project in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also copy the default theme into `templates/`, to change (in a project that exists,
        /// only the theme's files that are not there).
        #[arg(long)]
        theme: bool,
    },
}

/// `--message-format`: how `build` and `check` write problems ([`MessageFormat`]).
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Short,
    Json,
    Github,
}

impl Command {
    /// How the command writes problems, and the project they are of (`--root`).
    fn message_format(&self) -> (MessageFormat, PathBuf) {
        let (format, root) = match self {
            Command::Build {
                message_format,
                root,
                ..
            }
            | Command::Check {
                message_format,
                root,
                ..
            } => (*message_format, root.clone()),
            _ => (Format::Human, PathBuf::from(".")),
        };
        let format = match format {
            Format::Human => MessageFormat::Human,
            Format::Short => MessageFormat::Short,
            Format::Json => MessageFormat::Json,
            Format::Github => MessageFormat::Github,
        };
        (format, root)
    }
}

fn main() -> ExitCode {
    let command = Cli::parse().command;
    let (format, root_of_problems) = command.message_format();
    let result = match command {
        Command::Build {
            root,
            out,
            quiet,
            base_url,
            force,
            drafts,
            deny_warnings,
            ..
        } => cmd::build::run(
            BuildOptions {
                out: cmd::build::output(&root, out),
                root,
                base_url,
                force,
                drafts,
                deny_warnings,
            },
            quiet,
            format,
        ),
        Command::Check {
            root,
            drafts,
            deny_warnings,
            ..
        } => cmd::check::run(&root, (drafts, deny_warnings), format),
        Command::Clean { root, out } => cmd::clean::run(&root, &cmd::build::output(&root, out)),
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
        } => cmd::serve::run(&ServeOptions {
            root,
            port,
            bind,
            open,
            drafts,
        }),
        Command::New {
            title,
            root,
            series,
        } => cmd::new::run(&root, &title, series.as_deref()),
        Command::Init { dir, theme } => cmd::init::run(&dir, theme),
        Command::Words { lang, root } => cmd::words::run(&root, &lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            cmd::report_error(&error, (format, &root_of_problems));
            ExitCode::FAILURE
        }
    }
}

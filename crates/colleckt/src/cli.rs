//! The command line: subcommands and the settings they share. Every setting is
//! a flag, else an environment variable, else a default (CONTRACT §1).

pub use crate::settings::args::{ReaderArgs, SettingsArgs};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "colleckt",
    version,
    about = "Self-hosted identity verification for USPS Form 1583"
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// API, widget, console, signed files and background workers in one process.
    Serve,
    /// Background workers only (scale out on PostgreSQL).
    Worker,
    /// Apply database migrations and exit.
    Migrate,
    /// Manage workspaces.
    #[command(subcommand)]
    Workspace(WorkspaceCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Manage console users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage the master key: generate, status, rotate (docs/keys.md).
    #[command(subcommand)]
    Key(KeyCommand),
    /// Read a document offline (no server, no database) and print its
    /// `extracted_data` JSON.
    Extract {
        /// The front (or only page, or a PDF).
        front: PathBuf,
        /// The back, for two-sided cards.
        #[arg(long)]
        back: Option<PathBuf>,
        /// The document type (e.g. "Passport", "Driver License"); detected when absent.
        #[arg(long = "type")]
        doc_type: Option<String>,
    },
    /// A reader process (started by the service itself): reads documents sent
    /// over stdin under resource limits and answers on stdout.
    #[command(hide = true)]
    Reader,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Print a new random master key, or with --install make it the data
    /// directory's `master.key` (the previous one becomes `master.key.old`).
    Generate {
        #[arg(long)]
        install: bool,
    },
    /// The configured and recorded keys, and which key seals how many values.
    Status,
    /// Re-seal every value sealed by an old master key under the current
    /// one, while the service runs; then the old key can be removed.
    Rotate {
        /// Rows per transaction.
        #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(i64).range(1..=100_000))]
        batch_size: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum WorkspaceCommand {
    /// Create a workspace.
    Create {
        slug: String,
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token; prints the token alone on stdout.
    Create {
        slug: String,
        #[arg(long, default_value = "api")]
        name: String,
    },
    /// Revoke a token by its id (`tok_…`).
    Revoke { token_id: String },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a console user; the password is read from stdin or generated.
    Create {
        slug: String,
        email: String,
        #[arg(long, default_value = "reviewer", value_parser = ["reviewer", "admin"])]
        role: String,
        #[arg(long)]
        password_stdin: bool,
    },
}

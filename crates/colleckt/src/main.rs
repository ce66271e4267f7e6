//! `colleckt`: parse the command line, set up logging, run the command.

use clap::Parser;
use colleckt::app::{load_flows, AppState};
use colleckt::cli::{Cli, Command, KeyCommand, TokenCommand, UserCommand, WorkspaceCommand};
use colleckt::readers::{Document, ReaderPool};
use colleckt::settings::Settings;
use colleckt::{bootstrap, server};
use colleckt_extract::DocKind;
use std::path::Path;
use std::process::ExitCode;

fn init_logging(format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COLLECKT_LOG")
        .unwrap_or_else(|_| "info,sqlx=warn".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn main() -> ExitCode {
    // Before the runtime exists, so that no thread has an arena yet.
    colleckt::memory::limit_malloc_arenas();
    colleckt::private::owner_only_files();
    let cli = Cli::parse();
    if let Command::Reader = cli.command {
        // A reader process: no runtime, no logging, its own limits.
        let readers = &cli.settings.readers;
        return colleckt::readers::child::run(
            readers.reader_memory_mb,
            readers.reader_timeout_seconds.into(),
        );
    }
    match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime.block_on(async_main(cli)),
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn async_main(cli: Cli) -> ExitCode {
    init_logging(&cli.settings.log_format);
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn open(cli: &Cli) -> Result<AppState, String> {
    let settings = Settings::resolve(&cli.settings);
    let keys = colleckt::keys::load(&cli.settings, &settings).await?;
    let flows = load_flows(cli.settings.flows_dir.as_deref()).map_err(|e| e.to_string())?;
    AppState::open(&settings, keys, flows)
        .await
        .map_err(|e| e.to_string())
}

fn log_ocr() {
    let version = colleckt_extract::ocr_version();
    // The documents are read in the reader processes: no engine stays here.
    colleckt_extract::ocr::release();
    match version {
        Some(v) => tracing::info!(version = %v, "OCR (Tesseract) is available"),
        None => tracing::warn!(
            "OCR (Tesseract) is not installed: OCR-dependent rules will be skipped and never approve \
             alone; install it with scripts/install-deps"
        ),
    }
}

async fn workspace_id(state: &AppState, slug: &str) -> Result<String, String> {
    state
        .store
        .workspace_by_slug(slug)
        .await
        .map_err(|e| e.to_string())?
        .map(|w| w.id)
        .ok_or_else(|| format!("no workspace `{slug}`"))
}

/// A file for `colleckt extract`, at most the extractor's size limit.
fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let limit = colleckt_extract::MAX_FILE_BYTES;
    let too_big = || format!("file {} is larger than {limit} bytes", path.display());
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .len();
    if size > limit {
        return Err(too_big());
    }
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// `colleckt extract`: needs no data directory, key or database; the files
/// are read in a reader process, like the service's.
async fn extract(
    settings: &Settings,
    front: &Path,
    back: Option<&Path>,
    doc_type: Option<&str>,
) -> Result<(), String> {
    let kind = doc_type
        .map(|t| DocKind::from_name(t).ok_or_else(|| format!("unknown document type {t:?}")))
        .transpose()?;
    let front = read_file(front)?;
    let back = back.map(read_file).transpose()?;
    let pool = ReaderPool::new(settings.readers.clone());
    let turn = pool.turn().await;
    let doc = Document {
        front: &front,
        back: back.as_deref(),
        kind,
    };
    let data = pool.read(&turn, doc).await.map_err(|e| match e.note() {
        Some(note) => format!("{e} ({note})"),
        None => e.to_string(),
    })?;
    println!(
        "{}",
        serde_json::to_string_pretty(&data).map_err(|e| e.to_string())?
    );
    Ok(())
}

async fn run(cli: Cli) -> Result<(), String> {
    let settings = Settings::resolve(&cli.settings);
    match &cli.command {
        Command::Extract {
            front,
            back,
            doc_type,
        } => extract(&settings, front, back.as_deref(), doc_type.as_deref()).await,
        // Dispatched in `main`, before any runtime exists.
        Command::Reader => Err("`reader` is started by the service itself".into()),
        Command::Serve => {
            colleckt::metrics::init();
            let state = open(&cli).await?;
            if let Some(lines) = bootstrap::first_run(&state)
                .await
                .map_err(|e| e.to_string())?
            {
                for line in lines {
                    println!("{line}");
                }
            }
            state.readers.start().map_err(|e| e.to_string())?;
            colleckt::jobs::worker::spawn_workers(&state, settings.workers);
            // Records come from the API, so `serve` sweeps them even with no workers.
            tokio::spawn(colleckt::jobs::idempotency::run(state.clone()));
            if settings.workers > 0 {
                colleckt::jobs::webhooks::spawn(&state)?;
            }
            let listener = tokio::net::TcpListener::bind(&settings.bind)
                .await
                .map_err(|e| format!("cannot listen on {}: {e}", settings.bind))?;
            tracing::info!(
                bind = %settings.bind,
                public_url = %settings.public_url,
                storage = %state.objects.description(),
                database = ?state.store.db.engine(),
                workers = settings.workers,
                "colleckt is serving"
            );
            log_ocr();
            server::serve(listener, state, server::shutdown_signal())
                .await
                .map_err(|e| e.to_string())
        }
        Command::Worker => {
            let state = open(&cli).await?;
            state.readers.start().map_err(|e| e.to_string())?;
            colleckt::jobs::worker::spawn_workers(&state, settings.workers.max(1));
            colleckt::jobs::webhooks::spawn(&state)?;
            tracing::info!(workers = settings.workers.max(1), "colleckt worker started");
            log_ocr();
            server::shutdown_signal().await;
            Ok(())
        }
        Command::Key(KeyCommand::Generate { install }) => {
            colleckt::keys::generate(&cli.settings, *install)
        }
        Command::Key(KeyCommand::Status) => colleckt::keys::status(&open(&cli).await?).await,
        Command::Key(KeyCommand::Rotate { batch_size }) => {
            colleckt::keys::rotate(&open(&cli).await?, *batch_size).await
        }
        Command::Migrate => {
            open(&cli).await?;
            eprintln!("migrations applied");
            Ok(())
        }
        Command::Workspace(WorkspaceCommand::Create { slug, name }) => {
            let state = open(&cli).await?;
            let ws = state
                .store
                .create_workspace(slug, name.as_deref().unwrap_or(slug))
                .await
                .map_err(|e| e.to_string())?;
            println!("{}", ws.id);
            Ok(())
        }
        Command::Token(TokenCommand::Create { slug, name }) => {
            let state = open(&cli).await?;
            let ws = workspace_id(&state, slug).await?;
            let (id, token) = state
                .store
                .create_token(&ws, name)
                .await
                .map_err(|e| e.to_string())?;
            eprintln!("created token {id} for workspace `{slug}`");
            println!("{token}");
            Ok(())
        }
        Command::Token(TokenCommand::Revoke { token_id }) => {
            let state = open(&cli).await?;
            if state
                .store
                .revoke_token(token_id)
                .await
                .map_err(|e| e.to_string())?
            {
                eprintln!("revoked {token_id}");
                Ok(())
            } else {
                Err(format!("no active token {token_id}"))
            }
        }
        Command::User(UserCommand::Create {
            slug,
            email,
            role,
            password_stdin,
        }) => {
            let state = open(&cli).await?;
            let ws = workspace_id(&state, slug).await?;
            let password = if *password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .map_err(|e| e.to_string())?;
                line.trim_end_matches(['\r', '\n']).to_string()
            } else {
                bootstrap::generate_password()
            };
            if password.len() < 8 {
                return Err("the password must have at least 8 characters".into());
            }
            let hash = bootstrap::hash_password(&password)?;
            state
                .store
                .create_user(&ws, email, &hash, role)
                .await
                .map_err(|e| e.to_string())?;
            if !password_stdin {
                println!("{password}");
            }
            Ok(())
        }
    }
}

//! `colleckt`: parse the command line, set up logging, run the command.

use clap::Parser;
use colleckt::app::{load_flows, AppState};
use colleckt::cli::{Cli, Command, TokenCommand, UserCommand, WorkspaceCommand};
use colleckt::settings::{master_keys, Settings};
use colleckt::{bootstrap, server};
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
    match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime.block_on(async_main()),
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn async_main() -> ExitCode {
    let cli = Cli::parse();
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
    let keys = master_keys(&cli.settings).map_err(|e| e.to_string())?;
    let flows = load_flows(cli.settings.flows_dir.as_deref()).map_err(|e| e.to_string())?;
    AppState::open(&settings, keys, flows)
        .await
        .map_err(|e| e.to_string())
}

fn log_ocr() {
    match colleckt_extract::ocr_version() {
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

/// `colleckt extract`: needs no data directory, key or database.
fn extract(front: &Path, back: Option<&Path>, doc_type: Option<&str>) -> Result<(), String> {
    let result = colleckt_extract::extract_files(front, back, doc_type);
    colleckt_extract::ocr::release();
    let json = result.map_err(|e| e.to_string())?;
    println!(
        "{}",
        serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?
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
        } => extract(front, back.as_deref(), doc_type.as_deref()),
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
            colleckt::jobs::worker::spawn_workers(&state, settings.workers.max(1));
            colleckt::jobs::webhooks::spawn(&state)?;
            tracing::info!(workers = settings.workers.max(1), "colleckt worker started");
            log_ocr();
            server::shutdown_signal().await;
            Ok(())
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

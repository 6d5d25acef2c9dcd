use clap::{Parser, Subcommand};
use tokio::net::TcpListener;
use tracing_subscriber::{
    filter::{filter_fn, FilterExt},
    fmt::{self, format::FmtSpan},
    layer::SubscriberExt,
    util::SubscriberInitExt,
    EnvFilter, Layer,
};

use server::{admin, backup, config::Config, demo, jobs, open_state, route_list, router};

/// A page render makes thousands of small allocations across the runtime's threads and SQLite's;
/// glibc's allocator spent about a sixth of the server's time on them under load (perf, session
/// page at 32 clients) and keeps per-thread arenas that hold memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The log: events as `RUST_LOG` selects them, and, for the debug-level spans it selects (the
/// repository calls, `RUST_LOG=info,store=debug`), one line when each ends with its time.
fn init_log() {
    let filter =
        || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let timings = filter_fn(|m| m.is_span() && *m.level() >= tracing::Level::DEBUG);
    tracing_subscriber::registry()
        .with(fmt::layer().with_filter(filter()))
        .with(
            fmt::layer()
                .with_span_events(FmtSpan::CLOSE)
                .with_filter(filter().and(timings)),
        )
        .init();
}

/// 议事通 — grassroots consultation rooms, from sign-up to the annual report.
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app (the default).
    Serve {
        /// Load the demo city into an empty database and print its logins.
        #[arg(long, env = "YST_DEMO")]
        demo: bool,
    },
    /// Create an administrator account and print its one-time password.
    CreateAdmin {
        #[arg(long)]
        username: String,
        #[arg(long, default_value = "系统管理员")]
        display_name: String,
    },
    /// Generate demo data into an empty database.
    Demo {
        #[arg(long, value_enum, default_value_t = demo::Size::City)]
        size: demo::Size,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Copy the live database (consistently, while it serves) and the uploaded files into a
    /// folder.
    Backup {
        /// The folder; the copy is named yishitong-YYYYMMDD-HHMMSS.db.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Put a backup in place of the database (the server must be stopped); what was there is
    /// kept beside it.
    Restore {
        /// A database file written by `backup`.
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Count a year's figures for an area (or the whole deployment) and print how long it took.
    Tally {
        #[arg(long)]
        year: i32,
        /// The area's id; without it, every area.
        #[arg(long)]
        area: Option<i64>,
        /// Runs; the fastest is reported.
        #[arg(long, default_value_t = 3)]
        runs: u32,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    init_log();
    match run(Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?;
    let command = cli.command.unwrap_or(Command::Serve { demo: false });
    if let Command::Restore { from } = &command {
        // Before anything opens the database it replaces.
        let now = store::clock::now_local();
        let kept = backup::restore(from, std::path::Path::new(&config.database), now).await?;
        println!(
            "Restored {} into {}; what was there is kept as {}",
            from.display(),
            config.database,
            kept.display()
        );
        return Ok(());
    }
    // Held while serving, so that a restore cannot swap the file underneath.
    let _serving = match command {
        Command::Serve { .. } => Some(backup::lock_for_serving(std::path::Path::new(
            &config.database,
        ))?),
        _ => None,
    };
    // The sign-up writer runs only while serving: other commands start no background work.
    let (state, sign_up_writer) = open_state(&config).await?;
    match command {
        // Done above, before the state opened.
        Command::Restore { .. } => {}
        Command::Serve { demo } => {
            // Bind first: a busy port should fail before any demo data is written.
            let listener = TcpListener::bind(config.addr).await.map_err(|e| {
                format!("cannot listen on {} ({e}); set YST_ADDR to another address, e.g. 127.0.0.1:3001", config.addr)
            })?;
            if demo && demo::is_empty(&state.db).await? {
                println!("正在生成演示数据 (generating the demo city)…");
                let logins = demo::generate(
                    &state.db,
                    demo::Size::City.plan(),
                    2026,
                    store::clock::now_local(),
                )
                .await?;
                demo::print_logins(&logins);
            }
            let sign_ups = server::start_sign_ups(sign_up_writer, &state);
            tracing::info!(sms = %config.sms.describe(), "messages are delivered by");
            let jobs = jobs::spawn(state.clone(), server::sms::sender(&config.sms)?);
            let app = router(state.clone(), route_list());
            println!("议事通 is serving at http://{}", listener.local_addr()?);
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .with_graceful_shutdown(shutdown_signal())
            .await?;
            jobs.abort();
            sign_ups.abort();
            state.db.close().await;
        }
        Command::CreateAdmin {
            username,
            display_name,
        } => {
            let password = admin::create_admin(&state.db, &username, &display_name).await?;
            println!(
                "Administrator {username} created. One-time password (change it after signing in):"
            );
            println!("{password}");
        }
        Command::Demo { size, seed } => {
            if !demo::is_empty(&state.db).await? {
                return Err(
                    "the database already holds data; demo data goes into an empty one".into(),
                );
            }
            let now = store::clock::now_local();
            let logins = demo::generate(&state.db, size.plan(), seed, now).await?;
            // As a server running all along would hold them: numbers past the retention
            // period already erased, rather than left for its first pass.
            jobs::erase_expired_numbers(&state, now).await?;
            demo::print_logins(&logins);
        }
        Command::Backup { to } => {
            let now = store::clock::now_local();
            let done = backup::backup(&state.db, &state.settings.uploads_dir, &to, now).await?;
            println!(
                "Backed up to {} ({} new uploaded files copied to {})",
                done.database.display(),
                done.files_copied,
                to.join("uploads").display()
            );
        }
        Command::Tally { year, area, runs } => {
            let period = app::domain::Period::year(year).ok_or("no such year")?;
            let t = server::tally_timing::time_figures(&state.db, area, period, runs).await?;
            print_to_reader(&format!(
                "{} {year}: {} sessions on record, figures counted in {:.1} ms\n{:#?}\n",
                t.scope_name,
                t.sessions_in_scope,
                t.fastest.as_secs_f64() * 1000.0,
                t.figures
            ))?;
        }
    }
    Ok(())
}

/// Writes to standard output; a reader that stopped early (`| head`) is not an error, where
/// `println!` would panic on the closed pipe.
fn print_to_reader(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        done => done,
    }
}

/// Ends the server on Ctrl-C or SIGTERM, after in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
}

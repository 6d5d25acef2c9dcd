//! Measures a running 议事通 server from outside, over HTTP on loopback, as residents' phones
//! would load it: session pages and lists under 8 and 32 concurrent clients, sign-ups per second,
//! the 200-for-50 race, the weight of the resident pages, and the server's peak memory.
//! `scripts/bench.sh` builds the release server, loads the demo data, starts it and runs this.

mod exports;
mod ledger;
mod load;
mod messages;
mod report;
mod site;
mod stats;

use std::time::Duration;

use clap::{Parser, ValueEnum};

use report::Report;
use stats::CpuClock;

#[derive(Parser)]
#[command(about = "Load-test a running 议事通 server")]
struct Cli {
    /// The server's address, e.g. http://127.0.0.1:3000
    #[arg(long)]
    base: String,
    /// The server's process id, to read its peak memory from /proc.
    #[arg(long)]
    pid: Option<u32>,
    /// Seconds each load phase runs.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// A demo organizer's login, to create the sessions residents sign up for.
    #[arg(long, default_value = "organizer")]
    organizer: String,
    #[arg(long, env = "YST_DEMO_PASSWORD", default_value = "demo-yishitong")]
    password: String,
    /// The server's database file, read (read-only) to check the counts after the race.
    #[arg(long)]
    database: String,
    /// A demo staff login over the first city, for the figures and their exports.
    #[arg(long, default_value = "city")]
    staff: String,
    /// Lines measured outside the server (the `tally` command's timings), `label=value`.
    #[arg(long = "extra")]
    extras: Vec<String>,
    /// The loopback port the server's webhook sender posts to (`YST_SMS_WEBHOOK_URL`): the
    /// bench serves a stand-in gateway there. Without it, the message drain is not measured.
    #[arg(long)]
    gateway_port: Option<u16>,
    /// How long the stand-in gateway takes to answer each message, in milliseconds.
    #[arg(long, default_value_t = 0)]
    gateway_latency_ms: u64,
    /// Only these parts (repeat the flag); without it, all of them.
    #[arg(long = "only", value_enum)]
    only: Vec<Part>,
}

/// The parts of a run, in the order they run.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Part {
    /// Session pages and the session list, 8 and 32 clients.
    Pages,
    /// Sign-ups from 32 clients.
    SignUps,
    /// 200 sign-ups at once for 50 seats.
    Race,
    /// The figures page and its exports, as city staff.
    Figures,
    /// The resident pages' first-load weight.
    Weights,
    /// A 5,000-session ledger uploaded, previewed and imported by an organizer.
    Ledger,
    /// A 2,000-person session's confirmations and reminders through the stand-in gateway.
    Messages,
}

/// The session whose messages are measured: the largest the issue names.
const MESSAGE_PEOPLE: usize = 2_000;

/// The ledger the import is measured with: a district's year, or a busy room's several.
const LEDGER_SESSIONS: usize = 5_000;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(report) => {
            println!("{report}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<Report, site::SiteError> {
    let phase = Duration::from_secs(cli.seconds);
    let site = site::Site::new(&cli.base);
    let mut report = Report::default();

    let runs = |part| cli.only.is_empty() || cli.only.contains(&part);
    // Up before anything is signed up, so that no message meets a closed port.
    let gateway = match cli.gateway_port {
        Some(port) => Some(
            messages::Gateway::start(port, Duration::from_millis(cli.gateway_latency_ms)).await?,
        ),
        None => None,
    };

    let pages = site.upcoming_session_pages().await?;
    if runs(Part::Pages) {
        read_pages(&cli, &site, &pages, phase, &mut report).await?;
    }
    if runs(Part::SignUps) || runs(Part::Race) {
        sign_ups(
            &cli,
            &site,
            &mut report,
            runs(Part::SignUps),
            runs(Part::Race),
        )
        .await?;
    }
    if runs(Part::Figures) {
        figures(&cli, &site, &mut report).await?;
    }
    report.extras = cli
        .extras
        .iter()
        .filter_map(|e| e.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    if runs(Part::Ledger) {
        eprintln!("bench: importing a ledger of {LEDGER_SESSIONS} sessions");
        let organizer = site.sign_in(&cli.organizer, &cli.password).await?;
        let platform = site.organizer_platform(&organizer).await?;
        report.ledger =
            Some(ledger::import(&site, &organizer, platform, LEDGER_SESSIONS, cli.pid).await?);
    }
    if let (true, Some(gateway)) = (runs(Part::Messages), &gateway) {
        eprintln!("bench: {MESSAGE_PEOPLE} people's confirmations and reminders");
        let organizer = site.sign_in(&cli.organizer, &cli.password).await?;
        let platform = site.organizer_platform(&organizer).await?;
        report.messages = Some(
            messages::drain(
                &site,
                gateway,
                &organizer,
                platform,
                cli.base.trim_end_matches('/'),
                MESSAGE_PEOPLE,
            )
            .await?,
        );
    }
    if runs(Part::Weights) {
        report.weights = site.resident_page_weights(&pages[0]).await?;
    }
    report.peak_memory_kib = cli.pid.and_then(stats::peak_memory_kib);
    Ok(report)
}

/// The resident pages under load: the 404 page first, as the ceiling of this server in this run
/// (a page rendered with no data), then a session page, a township's list, a city's and the list
/// of anywhere, each also reported as a share of that ceiling.
async fn read_pages(
    cli: &Cli,
    site: &site::Site,
    pages: &[String],
    phase: Duration,
    report: &mut Report,
) -> Result<(), site::SiteError> {
    let (city, _) = site::first_city_and_year(&cli.database).await?;
    let township = site::township_with_sessions(&cli.database).await?;
    eprintln!(
        "bench: reading {} session pages, the lists of township {township} and city {city}",
        pages.len()
    );
    // The last is the township's list at addresses no one asked for before (an extra parameter
    // the page ignores), so none is served from memory: what rendering it costs.
    let lists = [
        (
            "session list, a township",
            format!("/sessions?area={township}"),
            false,
        ),
        (
            "session list, a city",
            format!("/sessions?area={city}"),
            false,
        ),
        ("session list, anywhere", "/sessions".to_owned(), false),
        (
            "session list, a township, rendered each time",
            format!("/sessions?area={township}&n="),
            true,
        ),
    ];
    for clients in [8, 32] {
        let missing = site.page("/no-such-page");
        let clock = CpuClock::start(cli.pid);
        let sample = load::run(clients, phase, move |c, _| {
            site::get_status(c, missing.clone(), reqwest::StatusCode::NOT_FOUND)
        })
        .await;
        let ceiling = report.add(format!("404 page, {clients} clients"), sample, clock.stop());
        let urls = pages.to_vec();
        let clock = CpuClock::start(cli.pid);
        let sample = load::run(clients, phase, move |c, i| {
            site::get_page(c, urls[i % urls.len()].clone())
        })
        .await;
        let rate = report.add(
            format!("session page, {clients} clients"),
            sample,
            clock.stop(),
        );
        report.share(format!("session page, {clients} clients"), rate, ceiling);
        for (name, path, each_anew) in &lists {
            let (url, each_anew) = (site.page(path), *each_anew);
            let clock = CpuClock::start(cli.pid);
            let sample = load::run(clients, phase, move |c, i| {
                let url = if each_anew {
                    format!("{url}{i}")
                } else {
                    url.clone()
                };
                site::get_page(c, url)
            })
            .await;
            let rate = report.add(format!("{name}, {clients} clients"), sample, clock.stop());
            report.share(format!("{name}, {clients} clients"), rate, ceiling);
        }
    }
    Ok(())
}

/// Sign-ups under load into sessions with room for all of them, then the race for 50 seats.
async fn sign_ups(
    cli: &Cli,
    site: &site::Site,
    report: &mut Report,
    load: bool,
    race: bool,
) -> Result<(), site::SiteError> {
    let phase = Duration::from_secs(cli.seconds);
    let organizer = site.sign_in(&cli.organizer, &cli.password).await?;
    let platform = site.organizer_platform(&organizer).await?;
    // Sessions with room for every sign-up the phase makes, so that each one takes a seat.
    let mut open = Vec::new();
    for n in 1..=8 {
        let title = format!("压力测试场次{n}");
        open.push(
            site.publish_session(&organizer, platform, &title, 10_000)
                .await?,
        );
    }
    let base = cli.base.trim_end_matches('/').to_owned();
    if load {
        eprintln!("bench: signing up");
        let signup_base = base.clone();
        let clock = CpuClock::start(cli.pid);
        let sample = load::run(32, phase, move |c, i| {
            site::sign_up(c, signup_base.clone(), open[i % open.len()], i, 0)
        })
        .await;
        report.add("sign-up, 32 clients".to_owned(), sample, clock.stop());
    }
    if !race {
        return Ok(());
    }
    eprintln!("bench: 200 sign-ups for 50 seats");
    let race = site
        .publish_session(&organizer, platform, "名额抢报测试", 50)
        .await?;
    let race_base = base.clone();
    let burst = load::burst(200, move |c, i| {
        site::sign_up(c, race_base.clone(), race, i, 1)
    })
    .await;
    let counts = site::counts(&cli.database, race).await?;
    report.race(burst, counts);
    Ok(())
}

/// The figures page of the first city, and its two heaviest exports.
async fn figures(cli: &Cli, site: &site::Site, report: &mut Report) -> Result<(), site::SiteError> {
    eprintln!("bench: figures and exports");
    let staff = site.sign_in(&cli.staff, &cli.password).await?;
    let (city, year) = site::first_city_and_year(&cli.database).await?;
    let figures = site.page(&format!("/manage/tallies?year={year}&area={city}"));
    let clock = CpuClock::start(cli.pid);
    let sample = exports::figures_page(&staff, &figures, 5).await;
    report.add(
        format!("figures page, city {year} (16 figures, last year, 11 breakdowns), 1 client"),
        sample,
        clock.stop(),
    );
    for (what, path) in [
        (
            "every resident visit of the city's year (CSV, streamed)",
            format!("/manage/tallies/records.csv?year={year}&area={city}&drill=resident-visits"),
        ),
        (
            "the figures workbook (XLSX, a sheet per breakdown)",
            format!("/manage/tallies/export.xlsx?year={year}&area={city}"),
        ),
    ] {
        report
            .exports
            .push(exports::download(&staff, what, &site.page(&path), cli.pid).await?);
    }
    Ok(())
}

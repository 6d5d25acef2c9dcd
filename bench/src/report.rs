//! The results, as a Markdown table for docs/benchmarks.md.

use std::fmt;

use crate::{
    load::Sample,
    site::Counts,
    stats::{percentile, CpuUse},
};

#[derive(Default)]
pub struct Report {
    rows: Vec<(String, Sample, CpuUse)>,
    /// Pages' requests/s as a share of the 404 page's in the same run: (what, rate, share).
    shares: Vec<(String, f64, f64)>,
    race: Option<(Sample, Counts)>,
    pub weights: Vec<(String, usize)>,
    pub exports: Vec<crate::exports::ExportRun>,
    /// Timings measured outside the server process: (what, value).
    pub extras: Vec<(String, String)>,
    pub peak_memory_kib: Option<u64>,
    pub ledger: Option<crate::ledger::LedgerRun>,
    pub messages: Option<crate::messages::MessagesRun>,
}

impl Report {
    /// Adds a phase; returns its rate of good answers per second.
    pub fn add(&mut self, name: String, sample: Sample, cpu: CpuUse) -> f64 {
        let rate = rate(&sample);
        self.rows.push((name, sample, cpu));
        rate
    }

    /// Records a page's rate as a share of the ceiling measured in the same run.
    pub fn share(&mut self, name: String, rate: f64, ceiling: f64) {
        self.shares
            .push((name, rate, rate / ceiling.max(f64::EPSILON)));
    }

    pub fn race(&mut self, burst: Sample, counts: Counts) {
        self.race = Some((burst, counts));
    }
}

/// Good answers per second.
fn rate(s: &Sample) -> f64 {
    (s.latencies.len() - s.failures) as f64 / s.elapsed.as_secs_f64().max(f64::EPSILON)
}

fn ms(d: std::time::Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.rows.is_empty() {
            writeln!(
                f,
                "| measure | requests/s | p50 | p99 | failures | server CPU per request | CPU taken by the host |"
            )?;
            writeln!(f, "|---|---:|---:|---:|---:|---:|---:|")?;
        }
        for (name, s, cpu) in &self.rows {
            writeln!(
                f,
                "| {name} | {:.0} | {} | {} | {} of {} | {} | {} |",
                rate(s),
                ms(percentile(&s.latencies, 50.0)),
                ms(percentile(&s.latencies, 99.0)),
                s.failures,
                s.latencies.len(),
                cpu.server
                    .filter(|_| !s.latencies.is_empty())
                    .map_or("—".to_owned(), |d| format!(
                        "{:.2} ms",
                        d.as_secs_f64() * 1000.0 / s.latencies.len() as f64
                    )),
                cpu.steal_percent
                    .map_or("—".to_owned(), |p| format!("{p:.0}%"))
            )?;
        }
        if !self.shares.is_empty() {
            writeln!(f)?;
            writeln!(
                f,
                "| page | requests/s | share of the 404 page's requests/s (same run, same clients) |"
            )?;
            writeln!(f, "|---|---:|---:|")?;
            for (name, rate, share) in &self.shares {
                writeln!(f, "| {name} | {rate:.0} | {:.0}% |", share * 100.0)?;
            }
        }
        if let Some((burst, counts)) = &self.race {
            writeln!(f)?;
            writeln!(
                f,
                "200 simultaneous sign-ups for 50 seats: {} registered, {} waiting, {} failed answers, \
                 all answered in {}; sessions oversold in the whole database: {}",
                counts.registered,
                counts.waiting,
                burst.failures,
                ms(burst.elapsed),
                counts.oversold_sessions
            )?;
        }
        if !self.extras.is_empty() {
            writeln!(f)?;
            writeln!(f, "| figures counted (`yishitong tally`) | time |")?;
            writeln!(f, "|---|---:|")?;
            for (what, value) in &self.extras {
                writeln!(f, "| {what} | {value} |")?;
            }
        }
        if !self.exports.is_empty() {
            writeln!(f)?;
            writeln!(
                f,
                "| export | size | lines | time | server memory while it ran |"
            )?;
            writeln!(f, "|---|---:|---:|---:|---:|")?;
            for e in &self.exports {
                writeln!(
                    f,
                    "| {} | {:.1} MB | {} | {} | {} |",
                    e.what,
                    e.bytes as f64 / 1_048_576.0,
                    e.lines,
                    ms(e.elapsed),
                    e.peak_rss_kib
                        .map_or("—".to_owned(), |k| format!("{:.1} MB", k as f64 / 1024.0))
                )?;
            }
        }
        if let Some(l) = &self.ledger {
            writeln!(f)?;
            writeln!(
                f,
                "| ledger import | rows | file | upload, check and preview | import | server memory while it ran |"
            )?;
            writeln!(f, "|---|---:|---:|---:|---:|---:|")?;
            writeln!(
                f,
                "| {} sessions (with suggestions and problems) | {} | {:.0} KB | {} | {} | {} |",
                l.sessions,
                l.rows,
                l.bytes as f64 / 1024.0,
                ms(l.preview),
                ms(l.import),
                l.peak_rss_kib
                    .map_or("—".to_owned(), |k| format!("{:.1} MB", k as f64 / 1024.0))
            )?;
        }
        if let Some(m) = &self.messages {
            let rate = |n: usize, d: std::time::Duration| n as f64 / d.as_secs_f64().max(0.001);
            writeln!(f)?;
            writeln!(
                f,
                "| messages of a {}-person session, webhook to a local gateway answering in {} | arrived | time | messages/s |",
                m.people,
                ms(m.latency)
            )?;
            writeln!(f, "|---|---:|---:|---:|")?;
            writeln!(
                f,
                "| confirmations, from the first sign-up (sign-ups took {}) | {} | {} | {:.0} |",
                ms(m.sign_ups),
                m.confirmations.1,
                ms(m.confirmations.0),
                rate(m.confirmations.1, m.confirmations.0)
            )?;
            writeln!(
                f,
                "| reminders, first to last at the gateway | {} | {} | {:.0} |",
                m.reminders.1,
                ms(m.reminders.0),
                rate(m.reminders.1, m.reminders.0)
            )?;
        }
        if !self.weights.is_empty() {
            writeln!(f)?;
            writeln!(f, "| resident session page, first load | bytes (gzip) |")?;
            writeln!(f, "|---|---:|")?;
            for (what, bytes) in &self.weights {
                writeln!(f, "| {what} | {bytes} |")?;
            }
            let total: usize = self.weights.iter().map(|(_, b)| b).sum();
            writeln!(
                f,
                "| **total** | **{total}** ({:.1} KB) |",
                total as f64 / 1024.0
            )?;
        }
        if let Some(kib) = self.peak_memory_kib {
            writeln!(f)?;
            writeln!(
                f,
                "Server peak memory (VmHWM): {:.1} MB",
                kib as f64 / 1024.0
            )?;
        }
        Ok(())
    }
}

//! Percentiles, the server's memory and CPU, and the CPU the machine's host took away.

use std::time::Duration;

/// The `p`-th percentile (0–100) of unsorted latencies, nearest-rank.
pub fn percentile(latencies: &[Duration], p: f64) -> Duration {
    if latencies.is_empty() {
        return Duration::ZERO;
    }
    let mut sorted = latencies.to_vec();
    sorted.sort_unstable();
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The peak resident memory of a process (VmHWM), in KiB.
pub fn peak_memory_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The server's largest resident set while something runs, sampled every 10 ms.
pub struct RssSampler {
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
    task: Option<tokio::task::JoinHandle<u64>>,
}

impl RssSampler {
    pub fn start(pid: Option<u32>) -> Self {
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let task = pid.map(|pid| {
            let done = done.clone();
            tokio::spawn(async move {
                let mut peak = 0;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    peak = peak.max(rss_kib(pid).unwrap_or(0));
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                peak
            })
        });
        Self { done, task }
    }

    /// The peak in KiB, if there was a process to sample.
    pub async fn stop(self) -> Option<u64> {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
        match self.task {
            Some(task) => task.await.ok(),
            None => None,
        }
    }
}

/// CPU counters at the start of a phase. A virtual machine's host may run other guests on
/// its cores ("steal"): a phase that lost half its CPU to them measures the host, not the
/// server, and the server's own CPU time per request shows what the code costs either way.
pub struct CpuClock {
    machine: Option<Machine>,
    server: Option<(u32, u64)>,
}

/// Over a phase: the share of the machine's time its host took (%), and the server's CPU time.
#[derive(Debug, Clone, Copy, Default)]
pub struct CpuUse {
    pub steal_percent: Option<f64>,
    pub server: Option<Duration>,
}

#[derive(Clone, Copy)]
struct Machine {
    total: u64,
    steal: u64,
}

impl CpuClock {
    pub fn start(pid: Option<u32>) -> Self {
        Self {
            machine: machine(),
            server: pid.and_then(|p| process_ticks(p).map(|t| (p, t))),
        }
    }

    pub fn stop(&self) -> CpuUse {
        let steal_percent = self.machine.zip(machine()).and_then(|(a, b)| {
            let total = b.total.checked_sub(a.total).filter(|t| *t > 0)?;
            Some(100.0 * b.steal.saturating_sub(a.steal) as f64 / total as f64)
        });
        let server = self.server.and_then(|(pid, before)| {
            let ticks = process_ticks(pid)?.saturating_sub(before);
            Some(Duration::from_secs_f64(ticks as f64 / USER_HZ))
        });
        CpuUse {
            steal_percent,
            server,
        }
    }
}

/// The first line of /proc/stat: user nice system idle iowait irq softirq steal …, in ticks.
fn machine() -> Option<Machine> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let ticks: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .take(8)
        .map(|v| v.parse().ok())
        .collect::<Option<_>>()?;
    Some(Machine {
        total: ticks.iter().sum(),
        steal: *ticks.get(7)?,
    })
}

/// utime + stime of a process, in ticks: fields 14 and 15 of /proc/PID/stat, counted after the
/// command name (which may hold spaces, so from its closing parenthesis).
fn process_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// Linux reports both files in ticks of USER_HZ, 100 on every architecture it runs on.
const USER_HZ: f64 = 100.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let ms: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        assert_eq!(percentile(&ms, 50.0), Duration::from_millis(50));
        assert_eq!(percentile(&ms, 99.0), Duration::from_millis(99));
        assert_eq!(percentile(&ms, 100.0), Duration::from_millis(100));
        assert_eq!(percentile(&[], 50.0), Duration::ZERO);
    }

    #[test]
    fn this_process_uses_cpu_and_the_machine_reports_steal() {
        let clock = CpuClock::start(Some(std::process::id()));
        let spin = std::time::Instant::now();
        let mut x = 0u64;
        while spin.elapsed() < Duration::from_millis(300) {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
        }
        let used = clock.stop();
        assert!(
            used.server.is_some_and(|d| d >= Duration::from_millis(100)),
            "{used:?}"
        );
        assert!(
            used.steal_percent
                .is_some_and(|s| (0.0..=100.0).contains(&s)),
            "{used:?}"
        );
    }
}

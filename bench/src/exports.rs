//! What staff wait for: the figures page of a city's year, and a full export of the records
//! behind a figure, with the server's resident memory sampled while the export streams.

use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};

use crate::{load::Sample, site::SiteError, stats::RssSampler};

/// A full export, as the client received it.
pub struct ExportRun {
    pub what: String,
    pub bytes: u64,
    pub lines: u64,
    pub elapsed: Duration,
    /// The server's largest resident set while the export ran.
    pub peak_rss_kib: Option<u64>,
}

/// The figures page, read `times` times one after another by a signed-in staff member.
pub async fn figures_page(staff: &Client, url: &str, times: usize) -> Sample {
    let started = Instant::now();
    let mut sample = Sample::default();
    for _ in 0..times {
        let t = Instant::now();
        let ok = match staff.get(url).send().await {
            Ok(a) => a.status() == StatusCode::OK && a.bytes().await.is_ok(),
            Err(_) => false,
        };
        sample.latencies.push(t.elapsed());
        sample.failures += usize::from(!ok);
    }
    sample.elapsed = started.elapsed();
    sample
}

/// Downloads `url` as it streams, counting bytes and lines, while sampling the server's memory.
pub async fn download(
    staff: &Client,
    what: &str,
    url: &str,
    pid: Option<u32>,
) -> Result<ExportRun, SiteError> {
    let sampler = RssSampler::start(pid);
    let started = Instant::now();
    let mut answer = staff.get(url).send().await?;
    if answer.status() != StatusCode::OK {
        return Err(SiteError::Unexpected(format!(
            "{what}: {} from {url}",
            answer.status()
        )));
    }
    let (mut bytes, mut lines) = (0u64, 0u64);
    while let Some(chunk) = answer.chunk().await? {
        bytes += chunk.len() as u64;
        lines += chunk.iter().filter(|b| **b == b'\n').count() as u64;
    }
    let elapsed = started.elapsed();
    let peak_rss_kib = sampler.stop().await;
    Ok(ExportRun {
        what: what.to_owned(),
        bytes,
        lines,
        elapsed,
        peak_rss_kib,
    })
}

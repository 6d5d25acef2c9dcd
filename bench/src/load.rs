//! Closed-loop load: each client sends its next request as soon as the last one answered.

use std::{
    future::Future,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use reqwest::Client;

/// What a phase measured.
#[derive(Debug, Default)]
pub struct Sample {
    pub latencies: Vec<Duration>,
    pub failures: usize,
    pub elapsed: Duration,
}

/// One HTTP client per simulated phone: its own connection, no redirects followed (a form
/// post's answer is the redirect), cookies kept.
pub fn client() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("an HTTP client without TLS always builds")
}

/// Runs `clients` clients for `phase`; request `i` is the i-th across all clients.
pub async fn run<F, Fut>(clients: usize, phase: Duration, request: F) -> Sample
where
    F: Fn(Client, usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = bool> + Send,
{
    let deadline = Instant::now() + phase;
    closed_loop(clients, request, move |_| Instant::now() < deadline).await
}

/// `n` requests from `clients` clients.
pub async fn exactly<F, Fut>(clients: usize, n: usize, request: F) -> Sample
where
    F: Fn(Client, usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = bool> + Send,
{
    closed_loop(clients, request, move |i| i < n).await
}

/// `clients` clients, each sending its next request as soon as the last answered, while `go`
/// allows the i-th request across all of them.
async fn closed_loop<F, Fut, G>(clients: usize, request: F, go: G) -> Sample
where
    F: Fn(Client, usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = bool> + Send,
    G: Fn(usize) -> bool + Send + Sync + 'static,
{
    let (request, go) = (Arc::new(request), Arc::new(go));
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..clients {
        let (request, go, next) = (request.clone(), go.clone(), next.clone());
        tasks.spawn(async move {
            let client = client();
            let mut sample = Sample::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if !go(i) {
                    return sample;
                }
                let sent = Instant::now();
                let ok = request(client.clone(), i).await;
                sample.latencies.push(sent.elapsed());
                if !ok {
                    sample.failures += 1;
                }
            }
        });
    }
    let mut total = Sample::default();
    while let Some(Ok(sample)) = tasks.join_next().await {
        total.latencies.extend(sample.latencies);
        total.failures += sample.failures;
    }
    total.elapsed = start.elapsed();
    total
}

/// `n` requests at the same moment, each from its own client.
pub async fn burst<F, Fut>(n: usize, request: F) -> Sample
where
    F: Fn(Client, usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = bool> + Send,
{
    let request = Arc::new(request);
    let gate = Arc::new(tokio::sync::Barrier::new(n));
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..n {
        let (request, gate) = (request.clone(), gate.clone());
        tasks.spawn(async move {
            let client = client();
            gate.wait().await;
            let sent = Instant::now();
            let ok = request(client, i).await;
            (sent.elapsed(), ok)
        });
    }
    let mut total = Sample::default();
    while let Some(Ok((latency, ok))) = tasks.join_next().await {
        total.latencies.push(latency);
        if !ok {
            total.failures += 1;
        }
    }
    total.elapsed = start.elapsed();
    total
}

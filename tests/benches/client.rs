//! What the generated client costs at run time, each figure a ratio to a baseline measured in
//! the same run: requests per second (validation and AK/SK signing included) against a bare
//! reqwest loop sending the same bytes to the same loopback server, first with the server on
//! the client's own thread (the strictest: a request costs only the work of the loop, the
//! server and the kernel, with no wake-up between threads to dilute the client's share), then
//! on a thread of its own, as a real server is; decoding a 1,024-item page
//! into the generated types against decoding it into `serde_json::Value`; and validation cost
//! per checked field. Run with `cargo bench -p huaweicloud-tests --bench client`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use huaweicloud_client::modelarts::{Client, ListNotebooksResponse, NotebookStatus};
use huaweicloud_client::runtime::{
    Config, Credentials, Operation, RetryPolicy, Signable, Signer, Validate, canonical_query,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const BODY: &str = r#"{"current":0,"data":[{"id":"f9937afa-ca78-45b6-bc12-7ecf42553c48","name":"nb","status":"RUNNING"}],"pages":1,"size":10,"total":1}"#;

const AK: &str = "HPUAEXAMPLEAK00000000";
const SK: &str = "ExampleSecretKey0000000000000000000000000";

/// The `Authorization` of a bodiless GET, as the client computes it for each request: with a
/// signer keyed once.
fn sign(path: &str, query: &str, headers: &[(&str, &str)]) -> String {
    static SIGNER: std::sync::LazyLock<Signer> = std::sync::LazyLock::new(|| Signer::new(AK, SK));
    SIGNER.authorization(&Signable { method: "GET", path, query, headers, body: &[] })
}

/// The keep-alive server of [`serve`] on a thread and runtime of its own, as a real server is:
/// the client's thread then does only the client's work, and each request also waits for the
/// wake-up between the threads.
fn serve_on_own_thread() -> u16 {
    let (port_sender, port) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            port_sender.send(serve().await).unwrap();
            std::future::pending::<()>().await
        });
    });
    port.recv().unwrap()
}

/// A keep-alive HTTP/1.1 server answering every request with `BODY`.
async fn serve() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let (mut stream, _) = listener.accept().await.unwrap();
            tokio::spawn(async move {
                let response = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{BODY}",
                    BODY.len()
                );
                let mut buffer = vec![0u8; 16 * 1024];
                let mut filled = 0;
                loop {
                    let Ok(read) = stream.read(&mut buffer[filled..]).await else { return };
                    if read == 0 {
                        return;
                    }
                    filled += read;
                    // Requests here have no body: each ends with a blank line.
                    while let Some(end) = buffer[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
                        if stream.write_all(response.as_bytes()).await.is_err() {
                            return;
                        }
                        buffer.copy_within(end + 4..filled, 0);
                        filled -= end + 4;
                    }
                }
            });
        }
    });
    port
}

fn per_second(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

/// Requests per second of the four loops against the server on `port`; `server` says where it
/// runs, in the printed rows.
async fn throughput(port: u16, server: &str) {
    let url = format!("http://127.0.0.1:{port}");
    let config = Config::builder()
        .endpoint(&url)
        .project_id("p1")
        .credentials(Credentials::aksk(AK, SK))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    let bare = reqwest::Client::new();
    let target = format!("{url}/v1/p1/notebooks?limit=10&status=RUNNING");
    // The bytes the generated client sends, signature included (a fixed one: the server does not check).
    let headers = [
        ("Content-Type", "application/json"),
        ("User-Agent", "huaweicloud-client-rust/0.1.0"),
        ("X-Project-Id", "p1"),
        ("X-Sdk-Date", "20261123T101112Z"),
        ("Host", "127.0.0.1"),
        (
            "Authorization",
            "SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK00000000, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=c4cc3cc3a2d321d10fd54f527b792bd980ffbb82de81709e918cfed06a2a4d2e",
        ),
    ];
    // The bare loop, and the bare loop plus the costs the client cannot skip: signing each
    // request (as the client does, though the bare loop still sends its fixed signature), a
    // per-request timeout, or both with validation too. Their ratios to the bare loop bound
    // what any client doing this work can reach.
    let signed = &headers[..headers.len() - 1]; // all but `Authorization`
    let request = client.list_notebooks().limit(10).status(NotebookStatus::Running).into_request().unwrap();
    let count = 300;
    let bare_round = |extra: Extra| {
        let (bare, target, request) = (&bare, &target, &request);
        async move {
            let start = Instant::now();
            for _ in 0..count {
                let mut request_builder = bare.get(target);
                if matches!(extra, Extra::Timeout | Extra::Unskippable) {
                    request_builder = request_builder.timeout(Duration::from_secs(30));
                }
                if matches!(extra, Extra::Signing | Extra::Unskippable) {
                    let query = canonical_query(&[("limit", "10"), ("status", "RUNNING")]);
                    black_box(sign("/v1/p1/notebooks", &query, signed));
                }
                if matches!(extra, Extra::Unskippable) {
                    black_box(request).validate().unwrap();
                }
                for (name, value) in headers {
                    request_builder = request_builder.header(name, value);
                }
                let response = request_builder.send().await.unwrap();
                let page: ListNotebooksResponse = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
                black_box(page);
            }
            per_second(count, start.elapsed())
        }
    };
    let client_round = || async {
        let start = Instant::now();
        for _ in 0..count {
            let page = client.list_notebooks().limit(10).status(NotebookStatus::Running).send().await.unwrap();
            black_box(page);
        }
        per_second(count, start.elapsed())
    };
    // Many short rounds, each running the five loops in a rotating order, so drift in this
    // machine's speed (±40 % between runs) hits all alike; each figure is the median round's
    // ratio to that round's bare loop.
    let mut rounds: Vec<[f64; LOOPS]> = Vec::new();
    for round in 0..41 {
        let mut rates = [0.0; LOOPS];
        for turn in 0..LOOPS {
            let loop_index = (round + turn) % LOOPS;
            rates[loop_index] = match loop_index {
                0 => bare_round(Extra::None).await,
                1 => client_round().await,
                2 => bare_round(Extra::Signing).await,
                3 => bare_round(Extra::Timeout).await,
                _ => bare_round(Extra::Unskippable).await,
            };
        }
        // The first round warms the connection and caches; it is not counted.
        if round > 0 {
            rounds.push(rates);
        }
    }
    // Loop `index`'s rounds sorted by their ratio to loop `baseline`: (ratio, that round's rates).
    let by_ratio = |index: usize, baseline: usize| {
        let mut sorted: Vec<(f64, [f64; LOOPS])> =
            rounds.iter().map(|rates| (rates[index] / rates[baseline], *rates)).collect();
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
        sorted
    };
    let summary = |sorted: &[(f64, [f64; LOOPS])]| {
        let n = sorted.len();
        format!("{:.2} (middle half of {n} rounds {:.2}–{:.2})", sorted[n / 2].0, sorted[n / 4].0, sorted[n * 3 / 4].0)
    };
    let client = by_ratio(1, 0);
    let median_round = client[client.len() / 2].1;
    println!(
        "| requests per second, loopback, keep-alive, {server} (the median round) | generated client {:.0}/s | bare reqwest {:.0}/s | ratio {}; target ≥ 0.9 |",
        median_round[1],
        median_round[0],
        summary(&client)
    );
    // The same gap in time rather than as a ratio: it does not depend on how long the server
    // and the kernel take, so it compares across server placements.
    let mut extra: Vec<f64> = rounds.iter().map(|rates| 1e6 / rates[1] - 1e6 / rates[0]).collect();
    extra.sort_by(f64::total_cmp);
    println!(
        "| the client's extra time per request, {server} (the median round) | {:.1} µs | | |",
        extra[extra.len() / 2]
    );
    // (what is measured, its loop, the loop it is a ratio to)
    let bounds = [
        ("the bare loop, also signing each request (what signing alone costs)", 2, 0),
        ("the bare loop, with a per-request timeout (what the timeout alone costs)", 3, 0),
        (
            "the bare loop plus all the work no client may skip: validation, signing and a timeout (the ceiling of any client that does it)",
            4,
            0,
        ),
        ("the generated client against that ceiling", 1, 4),
    ];
    for (figure, index, baseline) in bounds {
        let baseline_name = if baseline == 0 { "bare reqwest" } else { "the ceiling loop" };
        println!("| {figure}, {server} | | {baseline_name} | ratio {} |", summary(&by_ratio(index, baseline)));
    }
}

/// The loops of each round: the bare loop, the client, and the bare loop with each [`Extra`].
const LOOPS: usize = 5;

/// What the bare loop does on top of sending its fixed bytes.
#[derive(Clone, Copy)]
enum Extra {
    None,
    Signing,
    Timeout,
    /// Validation, signing and a timeout together.
    Unskippable,
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    samples.sort();
    samples[runs / 2]
}

/// The client's own work per request, each piece timed alone on the benchmark's request: what
/// the throughput gap is made of.
fn per_request_work() {
    let config = Config::builder()
        .endpoint("http://127.0.0.1:1")
        .project_id("p1")
        .credentials(Credentials::aksk(AK, SK))
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    let request = client.list_notebooks().limit(10).status(NotebookStatus::Running).into_request().unwrap();
    let iterations = 100_000;
    let each = |elapsed: Duration| elapsed.as_secs_f64() * 1e6 / f64::from(iterations);
    let build = time(9, || {
        for _ in 0..iterations {
            black_box(client.list_notebooks().limit(10).status(NotebookStatus::Running).into_request().unwrap());
        }
    });
    let validate = time(9, || {
        for _ in 0..iterations {
            black_box(&request).validate().unwrap();
        }
    });
    let render = time(9, || {
        for _ in 0..iterations {
            black_box((request.path(), canonical_query(request.query().pairs())));
        }
    });
    let headers = [
        ("Content-Type", "application/json"),
        ("User-Agent", "huaweicloud-client-rust/0.1.0"),
        ("X-Project-Id", "p1"),
        ("X-Sdk-Date", "20261123T101112Z"),
        ("Host", "127.0.0.1:8080"),
    ];
    let sign = time(9, || {
        for _ in 0..iterations {
            let query = canonical_query(request.query().pairs());
            let path = request.path();
            black_box(sign(&path, &query, &headers));
        }
    });
    println!(
        "| the client's own work per request, each part alone | build the call {:.2} µs, validate {:.2} µs, path and query {:.2} µs, sign {:.2} µs | | |",
        each(build),
        each(validate),
        each(render),
        each(sign)
    );
}

fn decoding() {
    let item = r#"{"id":"f9937afa-ca78-45b6-bc12-7ecf42553c48","name":"notebook_5ee4bf0e","description":"api-test","feature":"DEFAULT","flavor":"modelarts.vm.cpu.free","status":"CREATING","token":"58ba50c6-e8ff-245c-4840-49e51aa70737","image":{"id":"e1a07296-22a8-4f05-8bc8-e936c8e54090","name":"notebook2.0-mul-kernel-cpu-cp36","swr_path":"swr.xxxxx.com/atelier/notebook2.0","type":"BUILD_IN"},"lease":{"create_at":1638841805439,"duration":3600000,"enable":true,"update_at":1638841805439},"volume":{"category":"EVS","ownership":"MANAGED","mount_path":"/home/ma-user/work/","capacity":50},"workspace_id":"0"}"#;
    let page = format!(r#"{{"current":0,"data":[{}],"pages":1,"size":1024,"total":1024}}"#, vec![item; 1024].join(","));
    let typed = time(41, || serde_json::from_str::<ListNotebooksResponse>(&page).unwrap());
    let value = time(41, || serde_json::from_str::<serde_json::Value>(&page).unwrap());
    println!(
        "| decode a 1,024-notebook page ({} KiB) | typed {:.2} ms | serde_json::Value {:.2} ms | ratio {:.2} (typed / Value) |",
        page.len() / 1024,
        typed.as_secs_f64() * 1e3,
        value.as_secs_f64() * 1e3,
        typed.as_secs_f64() / value.as_secs_f64()
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("| figure | measured | baseline | ratio |");
    println!("|---|---|---|---|");
    throughput(serve().await, "server on the client's thread").await;
    throughput(serve_on_own_thread(), "server on its own thread").await;
    per_request_work();
    decoding();
}

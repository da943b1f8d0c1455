//! Each request runs in a `huaweicloud.request` span carrying the operation, method, path
//! template, attempt, status and request id, and no secret.

use std::sync::{Arc, Mutex};

use huaweicloud_client::modelarts::Client;
use huaweicloud_client::runtime::{Config, Credentials, RetryPolicy};
use huaweicloud_tests::server::{Reply, Server};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Records every span field, as `name=value`, in the order they were set.
#[derive(Clone, Default)]
struct Fields(Arc<Mutex<Vec<String>>>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.lock().unwrap().push(format!("{}={value:?}", field.name()));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.lock().unwrap().push(format!("{}={value}", field.name()));
    }
}

impl Subscriber for Fields {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        self.0.lock().unwrap().push(format!("span {}", span.metadata().name()));
        span.record(&mut self.clone());
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut self.clone());
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, _: &Event<'_>) {}

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn a_request_span_records_what_happened() {
    let server =
        Server::start(vec![Reply::json(503, "{}"), Reply::json(200, r#"{"total":0}"#).header("X-Request-Id", "req-9")]);
    let config = Config::builder()
        .endpoint(server.url())
        .project_id("p1")
        .credentials(Credentials::aksk("AK-not-logged", "SK-not-logged"))
        .retry(RetryPolicy {
            max_attempts: 2,
            base_delay: std::time::Duration::from_millis(1),
            max_delay: std::time::Duration::from_millis(5),
        })
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    let fields = Fields::default();
    let _guard = tracing::subscriber::set_default(fields.clone());
    client.list_notebooks().send().await.unwrap();
    let recorded = fields.0.lock().unwrap().clone();
    assert_eq!(
        recorded,
        [
            "span huaweicloud.request",
            "operation=list_notebooks",
            "method=GET",
            "path=/v1/{project_id}/notebooks",
            "attempt=1",
            "status=503",
            "attempt=2",
            "status=200",
            "request_id=req-9",
        ]
    );
    assert!(!recorded.iter().any(|f| f.contains("not-logged")));
}

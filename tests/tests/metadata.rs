//! Temporary credentials from a loopback stand-in of the ECS metadata service: asked for in a
//! session, fetched on the first request, kept while more than 40 minutes of them are left,
//! fetched again after; a new session after a 401; requests signed with them and carrying
//! their security token; a failing service named in the error, and no secret in any error or
//! `Debug` output.

use std::time::{Duration, SystemTime};

use huaweicloud_client::modelarts::Client;
use huaweicloud_client::runtime::{Config, Credentials, Error};
use huaweicloud_tests::server::{Reply, Server};

/// `now + ahead` as RFC 3339 with microseconds, as the metadata service writes `expires_at`.
fn rfc3339_in(ahead: Duration) -> String {
    let seconds = (SystemTime::now() + ahead).duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs() as i64;
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000000Z", rest / 3600, rest / 60 % 60, rest % 60)
}

fn security_key(ak: &str, token: &str, expires_at: &str) -> Reply {
    Reply::json(
        200,
        format!(
            r#"{{"credential":{{"access":"{ak}","secret":"SECRET-{ak}","securitytoken":"{token}","expires_at":"{expires_at}"}}}}"#
        ),
    )
}

fn session(status: u16, token: &str) -> Reply {
    Reply::raw(status, "text/plain", token.as_bytes().to_vec())
}

fn client(service: &Server, metadata: &Server) -> Client {
    let credentials = Credentials::metadata_at(metadata.url());
    assert!(!format!("{credentials:?}").contains("SECRET"));
    Client::new(Config::builder().endpoint(service.url()).project_id("p1").credentials(credentials).build().unwrap())
        .unwrap()
}

#[tokio::test]
async fn temporary_keys_are_fetched_kept_and_fetched_again_before_they_expire() {
    let metadata = Server::start(vec![
        session(200, "session-1"),
        security_key("TEMP1", "token-1", &rfc3339_in(Duration::from_secs(10 * 60))),
        security_key("TEMP2", "token-2", &rfc3339_in(Duration::from_secs(2 * 3600))),
    ]);
    let page = r#"{"data":[],"total":0}"#;
    let service = Server::start(vec![Reply::json(200, page), Reply::json(200, page), Reply::json(200, page)]);
    let client = client(&service, &metadata);
    for _ in 0..3 {
        client.list_notebooks().send().await.unwrap();
    }
    let asked = metadata.requests();
    assert_eq!(asked.len(), 3, "a session, then a key with 10 minutes left (too few to keep), then one of 2 hours");
    assert_eq!((asked[0].method.as_str(), asked[0].target.as_str()), ("PUT", "/meta-data/latest/api/token"));
    assert_eq!(asked[0].header("X-Metadata-Token-Ttl-Seconds"), Some("21600"));
    for fetch in &asked[1..] {
        assert_eq!((fetch.method.as_str(), fetch.target.as_str()), ("GET", "/openstack/latest/securitykey"));
        assert_eq!(fetch.header("X-Metadata-Token"), Some("session-1"), "the session is kept");
    }
    let sent = service.requests();
    let signed_by = |index: usize| {
        let authorization = sent[index].header("Authorization").unwrap();
        (authorization.split(['=', ',']).nth(1).unwrap().to_string(), sent[index].header("X-Security-Token").unwrap())
    };
    assert_eq!(signed_by(0), ("TEMP1".to_string(), "token-1"));
    assert_eq!(signed_by(1), ("TEMP2".to_string(), "token-2"));
    assert_eq!(signed_by(2), ("TEMP2".to_string(), "token-2"), "kept: no third fetch");
}

/// A service without sessions is asked without one; a 401 then asks for a session, once.
#[tokio::test]
async fn a_401_asks_for_a_new_session_and_the_key_again() {
    let metadata = Server::start(vec![
        session(404, "no sessions here"),
        Reply::json(401, r#"{"error":"the session expired"}"#),
        session(200, "session-2"),
        security_key("TEMP3", "token-3", &rfc3339_in(Duration::from_secs(3600))),
    ]);
    let service = Server::start(vec![Reply::json(200, r#"{"data":[],"total":0}"#)]);
    client(&service, &metadata).list_notebooks().send().await.unwrap();
    let asked = metadata.requests();
    let steps: Vec<(&str, Option<&str>)> =
        asked.iter().map(|r| (r.method.as_str(), r.header("X-Metadata-Token"))).collect();
    assert_eq!(steps, [("PUT", None), ("GET", None), ("PUT", None), ("GET", Some("session-2"))]);
    assert_eq!(service.requests()[0].header("X-Security-Token"), Some("token-3"));
}

#[tokio::test]
async fn a_failing_metadata_service_is_named_and_nothing_is_sent() {
    let metadata = Server::start(vec![session(404, ""), Reply::json(404, r#"{"error":"not found"}"#)]);
    let service = Server::start(vec![]);
    let err = client(&service, &metadata).list_notebooks().send().await.unwrap_err();
    let Error::Config(message) = &err else { panic!("expected a configuration error, got {err:?}") };
    assert_eq!(
        message,
        &format!(
            "no credentials: no temporary ones from the metadata service {}/openstack/latest/securitykey: it answered HTTP 404",
            metadata.url()
        )
    );
    assert!(service.requests().is_empty());

    let metadata =
        Server::start(vec![session(404, ""), Reply::json(200, r#"{"credential":{"access":"A","secret":"S3CRET"}}"#)]);
    let err = client(&service, &metadata).list_notebooks().send().await.unwrap_err();
    assert!(err.to_string().contains("lacks one of access, secret, securitytoken and expires_at"), "{err}");
    assert!(!err.to_string().contains("S3CRET") && !format!("{err:?}").contains("S3CRET"));
}

//! Waiting on an asynchronous job: poll the operation that reads its state, with backoff and
//! jitter, until the state says it succeeded or failed or the maximum wait is over. Written
//! once; each polling operation says what its states mean ([`Wait`]).

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::{Duration, Instant};

use super::call::Call;
use super::config::up_to;
use super::transport::{Response, random, retry_after};
use super::{DecodeError, Error, Operation, ValidationError};

/// The request of an operation that reads a job's state, generated from the spec's `waiter`.
pub trait Wait: Operation<Output: Send, Headers: Send> + Clone + Send + Sync + 'static {
    /// What the states mean and how long to wait by default.
    const WAITER: WaiterSpec;

    /// The job's state in a response, as the service writes it; `None` when absent.
    fn state(output: &Self::Output) -> Option<&str>;

    /// Why a failed job failed and its error code, from the fields the docs give for them.
    fn failure(output: &Self::Output) -> (Option<String>, Option<String>);
}

/// What a waiter's states mean, and its default timing, as the spec gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaiterSpec {
    /// The spec's name for the awaited condition (`finished`).
    pub name: &'static str,
    /// The 2xx body's field holding the state.
    pub state_field: &'static str,
    /// States in which the job succeeded.
    pub success: &'static [&'static str],
    /// States in which the job failed.
    pub failure: &'static [&'static str],
    /// States in which it still runs.
    pub pending: &'static [&'static str],
    /// The wait before the second poll.
    pub delay: Duration,
    /// The longest wait in all.
    pub max_wait: Duration,
}

/// Why waiting did not end in success.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError<T> {
    /// The job reached a failure state; the last response's body is kept.
    Failed {
        /// The state, as the service wrote it.
        state: String,
        /// Why it failed, when the service said.
        reason: Option<String>,
        /// The error code, when the service gave one.
        code: Option<String>,
        /// The last response's body.
        output: Box<T>,
    },
    /// The service sent a state the docs do not list, or none: it is neither taken for
    /// success nor waited on.
    UnknownState {
        /// The state, `None` when the response had none.
        state: Option<String>,
        /// The last response's body.
        output: Box<T>,
    },
    /// The maximum wait passed with the job still running.
    TimedOut {
        /// Time waited, from the first poll to the last.
        waited: Duration,
        /// Polls made.
        polls: u32,
        /// The state the last poll saw.
        last_state: String,
    },
    /// A poll (or the call that started the job) failed after the client's retries.
    Request(Error),
}

impl<T> fmt::Display for WaitError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Failed { state, reason, code, .. } => {
                write!(f, "the job failed (state {state:?}")?;
                if let Some(code) = code {
                    write!(f, ", error code {code}")?;
                }
                if let Some(reason) = reason {
                    write!(f, ": {reason}")?;
                }
                f.write_str(")")
            }
            WaitError::UnknownState { state: Some(state), .. } => {
                write!(f, "the job is in a state the docs do not list: {state:?}")
            }
            WaitError::UnknownState { state: None, .. } => f.write_str("the response says no state for the job"),
            WaitError::TimedOut { waited, polls, last_state } => {
                write!(f, "gave up waiting after {waited:?} and {polls} polls; the job was still {last_state:?}")
            }
            WaitError::Request(err) => write!(f, "waiting stopped: {err}"),
        }
    }
}

impl<T: fmt::Debug> std::error::Error for WaitError<T> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::Request(err) => Some(err),
            _ => None,
        }
    }
}

impl<T> From<Error> for WaitError<T> {
    fn from(err: Error) -> Self {
        WaitError::Request(err)
    }
}

type Boxed<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Polls an operation until its job is done; `.await` it, after setting the timing if the
/// spec's defaults do not suit. Made by a builder's `wait_until_<name>()`, or by
/// `send_and_wait_until_<name>()` on the operation that starts the job.
#[must_use = "a waiter does nothing until it is awaited"]
pub struct Waiter<'a, R: Wait> {
    call: Call<'a>,
    /// The polling request, or what makes it: the call that starts the job.
    request: Boxed<'a, Result<R, Error>>,
    delay: Duration,
    max_delay: Duration,
    max_wait: Duration,
}

impl<R: Wait> fmt::Debug for Waiter<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Waiter")
            .field("operation", &R::ID)
            .field("waiter", &R::WAITER.name)
            .field("delay", &self.delay)
            .field("max_delay", &self.max_delay)
            .field("max_wait", &self.max_wait)
            .finish_non_exhaustive()
    }
}

impl<'a, R: Wait> Waiter<'a, R> {
    /// Polls with `request`, as a builder made it.
    pub fn new(call: Call<'a>, request: Result<R, ValidationError>) -> Self {
        Self::after(call, std::future::ready(request.map_err(Error::Validation)))
    }

    /// Polls with the request `start` makes, once it has (it sends the call starting the job).
    pub fn after(call: Call<'a>, start: impl Future<Output = Result<R, Error>> + Send + 'a) -> Self {
        let WaiterSpec { delay, max_wait, .. } = R::WAITER;
        Waiter { call, request: Box::pin(start), delay, max_delay: delay.max(DEFAULT_MAX_DELAY), max_wait }
    }

    /// The wait before the second poll; it doubles after each poll, up to
    /// [`max_delay`](Self::max_delay), with jitter. A `Retry-After` the service sends on a
    /// poll's response is honoured instead.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self.max_delay = self.max_delay.max(delay);
        self
    }

    /// The longest wait between two polls (default 30 s, or the delay when longer).
    pub fn max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay.max(self.delay);
        self
    }

    /// How long to poll before giving up with [`WaitError::TimedOut`].
    pub fn max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = max_wait;
        self
    }

    async fn run(self) -> Result<Response<R::Output, R::Headers>, WaitError<R::Output>> {
        let Waiter { call, request, mut delay, max_delay, max_wait } = self;
        let request = request.await?;
        let spec = R::WAITER;
        let started = Instant::now();
        let mut polls = 0;
        loop {
            polls += 1;
            let response = call.clone().send(Ok(request.clone())).await?;
            let Some(state) = R::state(response.body()).map(str::to_string) else {
                return Err(WaitError::UnknownState { state: None, output: Box::new(response.into_body()) });
            };
            if spec.success.contains(&state.as_str()) {
                return Ok(response);
            }
            if spec.failure.contains(&state.as_str()) {
                let (reason, code) = R::failure(response.body());
                return Err(WaitError::Failed { state, reason, code, output: Box::new(response.into_body()) });
            }
            if !spec.pending.contains(&state.as_str()) {
                return Err(WaitError::UnknownState { state: Some(state), output: Box::new(response.into_body()) });
            }
            let waited = started.elapsed();
            let Some(left) = max_wait.checked_sub(waited).filter(|left| !left.is_zero()) else {
                return Err(WaitError::TimedOut { waited, polls, last_state: state });
            };
            let wait = retry_after(response.headers()).unwrap_or_else(|| jittered(delay, random()));
            tracing::debug!(operation = R::ID, field = spec.state_field, %state, ?wait, "job still running; polling again");
            tokio::time::sleep(wait.min(left)).await;
            delay = delay.saturating_mul(2).min(max_delay);
        }
    }
}

/// The longest wait between polls unless the spec's delay is longer.
const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(30);

/// Half the delay, plus a random part of the other half: polls of many waiters spread out, and
/// none comes sooner than half the delay.
fn jittered(delay: Duration, random: u64) -> Duration {
    let half = delay / 2;
    half + up_to(half, random)
}

impl<'a, R: Wait> IntoFuture for Waiter<'a, R> {
    type Output = Result<Response<R::Output, R::Headers>, WaitError<R::Output>>;
    type IntoFuture = Boxed<'a, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

/// A field of the response that started a job, which the polling request needs: an error
/// naming it when the service left it out.
pub fn started_field<T, O, H>(value: Option<T>, field: &'static str, response: &Response<O, H>) -> Result<T, Error> {
    value.ok_or_else(|| {
        Error::Decode(DecodeError {
            status: response.status(),
            path: field.to_string(),
            message: "absent, and polling the job needs it".to_string(),
            excerpt: String::new(),
            request_id: response.request_id().map(str::to_string),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_stays_between_half_the_delay_and_the_delay() {
        let delay = Duration::from_millis(800);
        assert_eq!(jittered(delay, 0), Duration::from_millis(400));
        assert_eq!(jittered(delay, 400_000_000), delay);
        for random in [1, 12_345, u64::MAX] {
            let wait = jittered(delay, random);
            assert!(wait >= delay / 2 && wait <= delay, "{wait:?}");
        }
        assert_eq!(jittered(Duration::ZERO, 7), Duration::ZERO);
    }
}

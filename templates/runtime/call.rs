//! The fluent surface: a call collects parameters through setters (generated per operation),
//! then is sent once, or streamed page by page.

use std::time::Duration;

use futures_util::Stream;

use super::transport::{CallOptions, Response, Transport};
use super::{Error, Operation, ValidationError};

/// The parameters of a call being set, turned into the operation's request when it is sent.
/// Generated for each operation, with a setter per parameter on `Call<'_, Self>`.
pub trait IntoRequest {
    type Request: Operation;

    /// The request, or a validation error naming every required parameter left unset.
    /// `project_id` is the client's, used when the call sets none.
    fn into_request(self, project_id: Option<&str>) -> Result<Self::Request, ValidationError>;
}

/// Offset/limit paging, generated for the operations whose spec has `pagination`.
pub trait Paginated: Operation {
    type Item;

    fn offset(&self) -> i64;

    fn limit(&self) -> Option<usize>;

    /// Moves the request past a page of `count` items; false when the next offset no longer
    /// fits the parameter's type.
    fn advance(&mut self, count: usize) -> bool;

    /// The page's items and, when the service sent it, the total number of records.
    fn into_page(page: Self::Output) -> (Vec<Self::Item>, Option<i64>);
}

/// One call of an operation: set parameters, then `send()` (or `into_stream()` for pages).
#[must_use = "a call does nothing until it is sent"]
#[derive(Debug, Clone)]
pub struct Call<'a, I> {
    pub(crate) transport: &'a Transport,
    pub(crate) input: I,
    pub(crate) options: CallOptions,
}

impl<'a, I: IntoRequest + Default> Call<'a, I> {
    pub(crate) fn new(transport: &'a Transport) -> Self {
        Call { transport, input: I::default(), options: CallOptions::default() }
    }
}

impl<'a, I: IntoRequest> Call<'a, I> {
    /// Checks the request against the documented rules before sending (default: the client's
    /// setting). Switch it off when the service accepts what the docs still forbid.
    pub fn validation(mut self, validate: bool) -> Self {
        self.options.validate = Some(validate);
        self
    }

    /// Time allowed for each attempt of this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Whether this call may be retried (idempotent methods only; default on).
    pub fn retries(mut self, retry: bool) -> Self {
        self.options.retry = Some(retry);
        self
    }

    /// The request this call would send, without sending it.
    pub fn into_request(self) -> Result<I::Request, Error> {
        self.input.into_request(self.transport.project_id()).map_err(Error::Validation)
    }

    /// Validates and sends the request; the response body is decoded into the documented type.
    pub async fn send(self) -> Result<Response<<I::Request as Operation>::Output>, Error> {
        let (transport, options) = (self.transport, self.options.clone());
        let request = self.into_request()?;
        transport.send(&request, &options).await
    }
}

impl<'a, I> Call<'a, I>
where
    I: IntoRequest + 'a,
    I::Request: Paginated + 'a,
{
    /// Every item across pages, fetched lazily one page at a time from the call's offset. It
    /// ends after the last page (an empty page, the total reached, or a short page); an error
    /// is yielded in place and ends it, after the items already yielded.
    pub fn into_stream(self) -> impl Stream<Item = Result<<I::Request as Paginated>::Item, Error>> + 'a {
        let (transport, options) = (self.transport, self.options.clone());
        let pages = Pages { next: Some(self.into_request()), items: Vec::new().into_iter() };
        futures_util::stream::unfold(pages, move |mut pages| {
            let options = options.clone();
            async move {
                loop {
                    if let Some(item) = pages.items.next() {
                        return Some((Ok(item), pages));
                    }
                    let request = match pages.next.take()? {
                        Ok(request) => request,
                        Err(err) => return Some((Err(err), pages)),
                    };
                    let page = match transport.send(&request, &options).await {
                        Ok(response) => response.body,
                        Err(err) => return Some((Err(err), pages)),
                    };
                    let (items, total) = <I::Request as Paginated>::into_page(page);
                    let count = items.len();
                    let end = request.offset().saturating_add(i64::try_from(count).unwrap_or(i64::MAX));
                    let more = count > 0
                        && match total {
                            Some(total) => end < total,
                            None => request.limit().is_none_or(|limit| count >= limit),
                        };
                    if more {
                        let mut next = request;
                        if next.advance(count) {
                            pages.next = Some(Ok(next));
                        }
                    }
                    pages.items = items.into_iter();
                }
            }
        })
    }
}

/// The stream's state: the request for the next page, and the current page's items.
struct Pages<R: Paginated> {
    next: Option<Result<R, Error>>,
    items: std::vec::IntoIter<R::Item>,
}

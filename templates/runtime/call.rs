//! What every generated operation builder is made of: the client's transport and the call's
//! options, sent once, or streamed page by page. The builders (one per operation, generated
//! into each service's `builders` module) hold the parameters and their setters; this type
//! holds the rest, so sending and paging are written once.

use std::time::Duration;

use futures_util::Stream;

use super::transport::{CallOptions, Response, Transport};
use super::{Error, Operation, PagingError, ValidationError};

/// Offset/limit paging, generated for the operations whose spec has `pagination`.
pub trait Paginated: Operation {
    /// Compared with the previous page's items, so a page sent again stops the stream.
    type Item: Clone + PartialEq;

    /// The request's offset parameter, to move it page by page, and its limit parameter.
    fn page_parameters(&mut self) -> (&mut dyn PageParameter, &dyn PageParameter);

    /// The page's items and, when the service sent it, the total number of records.
    fn into_page(page: Self::Output) -> (Vec<Self::Item>, Option<i64>);
}

/// An offset or limit parameter, whatever integer type and presence the docs give it, so
/// paging is written once here rather than in every paginated operation.
pub trait PageParameter {
    /// The value, when set.
    fn value(&self) -> Option<i64>;

    /// Sets the value; false, leaving it unchanged, when it does not fit the parameter's type.
    fn set(&mut self, value: i64) -> bool;
}

impl PageParameter for i32 {
    fn value(&self) -> Option<i64> {
        Some(i64::from(*self))
    }

    fn set(&mut self, value: i64) -> bool {
        i32::try_from(value).map(|value| *self = value).is_ok()
    }
}

impl PageParameter for i64 {
    fn value(&self) -> Option<i64> {
        Some(*self)
    }

    fn set(&mut self, value: i64) -> bool {
        *self = value;
        true
    }
}

impl<T: PageParameter + Default> PageParameter for Option<T> {
    fn value(&self) -> Option<i64> {
        self.as_ref().and_then(PageParameter::value)
    }

    fn set(&mut self, value: i64) -> bool {
        let mut inner = T::default();
        let fits = inner.set(value);
        if fits {
            *self = Some(inner);
        }
        fits
    }
}

/// The part of an operation's call that is not its parameters: the client's connection and the
/// call's options. Every generated builder holds one; applications use the builders.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    transport: &'a Transport,
    options: CallOptions,
}

impl<'a> Call<'a> {
    /// A call on `transport` with the client's settings.
    pub fn new(transport: &'a Transport) -> Self {
        Call { transport, options: CallOptions::default() }
    }

    /// The `project_id` the client was configured with, for a call that sets none.
    pub fn project_id(&self) -> Option<&'a str> {
        self.transport.project_id()
    }

    /// Whether to check the request against the documented rules before sending (default: the
    /// client's setting).
    pub fn validation(&mut self, validate: bool) {
        self.options.validate = Some(validate);
    }

    /// Time allowed for each attempt.
    pub fn timeout(&mut self, timeout: Duration) {
        self.options.timeout = Some(timeout);
    }

    /// Whether the request may be retried (idempotent methods only; default on).
    pub fn retries(&mut self, retry: bool) {
        self.options.retry = Some(retry);
    }

    /// Validates (unless switched off) and sends the request the builder made; the response
    /// body is decoded into the documented type.
    pub async fn send<R: Operation>(
        self,
        request: Result<R, ValidationError>,
    ) -> Result<Response<R::Output, R::Headers>, Error> {
        let request = request.map_err(Error::Validation)?;
        self.transport.send(&request, &self.options).await
    }

    /// Every item across pages, fetched lazily one page at a time from the request's offset. It
    /// ends after the last page (an empty page, the total reached, or a short page); an error
    /// is yielded in place and ends it, after the items already yielded. A page with the same
    /// items as the one before ends it with [`Error::Paging`]: a service that ignores the
    /// offset and sends no total would otherwise be paged forever.
    pub fn into_stream<R: Paginated + 'a>(
        self,
        request: Result<R, ValidationError>,
    ) -> impl Stream<Item = Result<R::Item, Error>> + 'a {
        let Call { transport, options } = self;
        let pages = Pages {
            next: Some(request.map_err(Error::Validation)),
            items: Vec::new().into_iter(),
            previous: Vec::new(),
        };
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
                        Ok(response) => response.into_body(),
                        Err(err) => return Some((Err(err), pages)),
                    };
                    let (items, total) = R::into_page(page);
                    let mut next = request;
                    let (offset, limit) = next.page_parameters();
                    if !items.is_empty() && items == pages.previous {
                        let operation = R::ID;
                        let offset = offset.value().unwrap_or(0);
                        return Some((
                            Err(Error::Paging(PagingError { operation, offset, items: items.len() })),
                            pages,
                        ));
                    }
                    let count = i64::try_from(items.len()).unwrap_or(i64::MAX);
                    let end = offset.value().unwrap_or(0).saturating_add(count);
                    let more = count > 0
                        && match total {
                            Some(total) => end < total,
                            None => limit.value().is_none_or(|limit| count >= limit),
                        };
                    if more && offset.set(end) {
                        pages.next = Some(Ok(next));
                    }
                    pages.items = items.clone().into_iter();
                    pages.previous = items;
                }
            }
        })
    }
}

/// The stream's state: the request for the next page, the current page's items left to
/// yield, and all of them, to tell a repeated page.
struct Pages<R: Paginated> {
    next: Option<Result<R, Error>>,
    items: std::vec::IntoIter<R::Item>,
    previous: Vec<R::Item>,
}

#[cfg(test)]
mod tests {
    use super::PageParameter;

    #[test]
    fn page_parameters_take_what_fits_their_type_and_keep_their_value_otherwise() {
        let mut optional: Option<i32> = None;
        assert_eq!(optional.value(), None);
        assert!(optional.set(50));
        assert_eq!((optional, optional.value()), (Some(50), Some(50)));
        assert!(!optional.set(i64::from(i32::MAX) + 1));
        assert_eq!(optional, Some(50));

        let mut required: i32 = 7;
        assert!(!required.set(i64::from(i32::MIN) - 1));
        assert_eq!(required.value(), Some(7));

        let mut long: Option<i64> = None;
        assert!(long.set(i64::MAX));
        assert_eq!(long.value(), Some(i64::MAX));
    }
}

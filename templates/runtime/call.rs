//! The fluent surface: a call collects parameters through setters (generated per operation),
//! then is sent once, or streamed page by page.

use std::time::Duration;

use futures_util::Stream;

use super::transport::{CallOptions, Response, Transport};
use super::{Error, Operation, PagingError, ValidationError};

/// The parameters of a call being set, turned into the operation's request when it is sent.
/// Generated for each operation, with a setter per parameter on `Call<'_, Self>`.
pub trait IntoRequest {
    /// The request the collected parameters make.
    type Request: Operation;

    /// The request, or a validation error naming every required parameter left unset.
    /// `project_id` is the client's, used when the call sets none.
    fn into_request(self, project_id: Option<&str>) -> Result<Self::Request, ValidationError>;
}

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
    /// is yielded in place and ends it, after the items already yielded. A page with the same
    /// items as the one before ends it with [`Error::Paging`]: a service that ignores the
    /// offset and sends no total would otherwise be paged forever.
    pub fn into_stream(self) -> impl Stream<Item = Result<<I::Request as Paginated>::Item, Error>> + 'a {
        let (transport, options) = (self.transport, self.options.clone());
        let pages = Pages { next: Some(self.into_request()), items: Vec::new().into_iter(), previous: Vec::new() };
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
                    let mut next = request;
                    let (offset, limit) = next.page_parameters();
                    if !items.is_empty() && items == pages.previous {
                        let operation = <I::Request as Operation>::ID;
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

//! `mock.rs` of a service (cargo feature `mock`): how the mock server reads each operation's
//! requests back into its request type (`Decode`), and each operation's route: its documented
//! example response, its paging and the shape of the service's error body.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Part, docs, fields, part};
use crate::ir::{Api, Operation, PageWires, ParamIn, Service, Type};

/// The crate's `mock` module: the mock server's public types, and the routes of every enabled
/// service, each behind its feature.
pub fn crate_mock(api: &Api) -> TokenStream {
    let doc = docs::inner_doc(&[
        "A stand-in for the enabled services on 127.0.0.1, for applications' tests (cargo feature `mock`): see [`MockServer`].".into(),
        "Every operation answers with its documented example response (a paginated one pages the example's items by the request's offset and limit), or with the responses a test queues with [`MockServer::respond`]. Each request is checked as the service would: the AK/SK signature verified against the mock's credentials (or its IAM token, when given one), the path's `project_id` against its project, and the request read and validated against the documented rules. A request that fails gets the service's error body, with status 401 (code `APIGW.0301`, as the API gateway answers), or 400 (the code of the operation's documented 400 example, else `MOCK.0400`); a method and path no operation has gets 404 (`APIGW.0101`).".into(),
    ]);
    let services = api.services.iter().filter(|s| !s.operations.is_empty()).map(|s| {
        let (feature, module) = (&s.module, format_ident!("{}", s.module));
        quote! {
            #[cfg(feature = #feature)]
            routes.extend(crate::#module::mock::routes());
        }
    });
    quote! {
        #doc
        pub use crate::runtime::mock::{Decode, MockRequest, MockResponse, MockServer, MockServerBuilder};

        /// Every operation of the enabled services.
        #[allow(unused_mut)]
        pub(crate) fn routes() -> ::std::vec::Vec<crate::runtime::mock::Route> {
            let mut routes = ::std::vec::Vec::new();
            #(#services)*
            routes
        }
    }
}

pub fn mock_file(service: &Service) -> Vec<Part<'_>> {
    let decoders = service.operations.iter().map(move |op| part(move || decode_impl(op, service)));
    std::iter::once(part(header)).chain(decoders).chain(std::iter::once(part(move || routes(service)))).collect()
}

fn header() -> TokenStream {
    let runtime = super::uses_runtime(true);
    quote! {
        //! The service's operations as the mock server serves them.
        #runtime
    }
}

/// Reads each field from where the operation sends it, typed as the request type has it.
fn decode_impl(op: &Operation, service: &Service) -> TokenStream {
    let request = format_ident!("{}", op.request_ident);
    let params = op.params.iter().map(|p| {
        let place = match p.location {
            ParamIn::Path => quote!(Path),
            ParamIn::Query => quote!(Query),
            ParamIn::Header => quote!(Header),
        };
        let (name, wire) = (format_ident!("{}", p.field.ident), &p.field.wire);
        let read = match (&p.field.ty, p.field.required) {
            (Type::Array(_), true) => quote!(list),
            (Type::Array(_), false) => quote!(optional_list),
            (_, true) => quote!(required),
            (_, false) => quote!(optional),
        };
        let value =
            fields::stored_value(&p.field, quote!(request.#read(runtime::mock::In::#place, #wire)?), !p.field.required);
        quote!(#name: #value,)
    });
    let body = op.body.as_ref().map(|body| {
        let value = match service.struct_def_of(&body.ty) {
            Some(form) if body.multipart => {
                let form_type = format_ident!("{}", form.ident);
                let parts = form.fields.iter().map(|f| {
                    let (name, wire) = (format_ident!("{}", f.ident), &f.wire);
                    let read = match (&f.ty, f.required) {
                        (Type::File, true) => quote!(form.file(#wire)?),
                        (Type::File, false) => quote!(form.optional_file(#wire)),
                        (_, true) => quote!(form.required(#wire)?),
                        (_, false) => quote!(form.optional(#wire)?),
                    };
                    let value = fields::stored_value(f, read, !f.required);
                    quote!(#name: #value,)
                });
                quote!({
                    let form = request.form()?;
                    super::#form_type { #(#parts)* }
                })
            }
            _ => quote!(request.json_body()?),
        };
        quote!(body: #value,)
    });
    let reads = params.chain(body);
    quote! {
        impl runtime::mock::Decode for super::#request {
            fn decode(request: &runtime::mock::MockRequest) -> ::std::result::Result<Self, runtime::mock::Rejection> {
                Ok(Self { #(#reads)* })
            }
        }
    }
}

/// `routes()`: every operation with its documented example, paging and error shape.
fn routes(service: &Service) -> TokenStream {
    // The error shape: the operation's documented error body, else the service's first.
    let error_fields = |op: &Operation| -> Vec<&str> {
        let own = op.error_bodies().find_map(|(_, ty)| service.struct_def_of(ty));
        let any = || {
            service.operations.iter().flat_map(Operation::error_bodies).find_map(|(_, ty)| service.struct_def_of(ty))
        };
        own.or_else(any).map(|s| s.fields.iter().map(|f| f.wire.as_str()).collect()).unwrap_or_default()
    };
    let routes = service.operations.iter().map(|op| {
        let request = format_ident!("{}", op.request_ident);
        let fields = error_fields(op);
        let bad_request =
            optional_raw_string(op.responses.iter().find(|r| r.status == 400).and_then(|r| r.examples.first()));
        // The first 2xx response with an example, else the first 2xx response.
        let successes = || op.responses.iter().filter(|r| r.is_success());
        let success = successes().find(|r| !r.examples.is_empty()).or_else(|| successes().next());
        let success = success.map(|response| {
            let status = proc_macro2::Literal::u16_unsuffixed(response.status);
            let example = optional_raw_string(response.examples.first());
            quote!(.success(#status, #example))
        });
        let paged = op.pagination.as_ref().map(|p| {
            let PageWires { offset, limit, items, total } = &p.wires;
            quote!(.paged(runtime::mock::Paging { offset: #offset, limit: #limit, items: #items, total: #total }))
        });
        quote! {
            runtime::mock::Route::of::<super::#request>()
                .errors(&[#(#fields),*], #bad_request)
                #success
                #paged
        }
    });
    quote! {
        /// Every operation of the service, for the mock server.
        pub(crate) fn routes() -> ::std::vec::Vec<runtime::mock::Route> {
            ::std::vec::Vec::from([#(#routes),*])
        }
    }
}

/// `Some(r#"…"#)` or `None`.
fn optional_raw_string(text: Option<&String>) -> TokenStream {
    match text.map(|text| raw_string(text)) {
        Some(literal) => quote!(Some(#literal)),
        None => quote!(None),
    }
}

/// A raw string literal (`r#"…"#`, with as many `#` as the text needs), so a JSON example
/// reads, and diffs, as the page shows it; an escaped one when the text has a control
/// character other than a newline or a tab, which a raw string cannot show.
fn raw_string(text: &str) -> proc_macro2::Literal {
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return proc_macro2::Literal::string(text);
    }
    let hashes = "#".repeat((0..).find(|n| !text.contains(&format!("\"{}", "#".repeat(*n)))).unwrap_or(0).max(1));
    let literal = format!("r{hashes}\"{text}\"{hashes}");
    literal.parse().unwrap_or_else(|_| proc_macro2::Literal::string(text))
}

//! `builders.rs` of a service: one builder per operation, each its own page in the docs, with
//! the operation's summary, method and path, the documented errors, and a setter pair per
//! parameter (`limit(10)` and `set_limit(Some(10))`) documented with its rules. Sending and
//! paging are the runtime's `Call`, written once; a builder only collects the parameters and
//! turns them into the operation's request type.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{Part, docs, fields, part};
use crate::ir::{Argument, ClientDefault, Field, Operation, Service, Starts, Type, Waiter};

pub fn builders_file(service: &Service) -> Vec<Part<'_>> {
    let builders = service.operations.iter().map(|op| part(move || builder(op, service)));
    std::iter::once(part(header)).chain(builders).collect()
}

/// The module docs and imports. A builder is named after its operation (`ListNotebooks`),
/// which a spec type may be named too, so the file imports no type: it names the service's
/// types and requests through the service module (`super::Notebook`).
fn header() -> TokenStream {
    let runtime = super::uses_runtime(true);
    quote! {
        //! One builder per operation, started by the operation's method on
        //! [`Client`](super::Client): set the parameters, then `send()` it.
        #runtime
    }
}

/// One field the builder collects: a parameter, or the body.
struct Setter {
    field: Field,
    /// The setter taking a value, which also names the builder's field holding it.
    setter: Ident,
    option_setter: Ident,
    client_default: Option<ClientDefault>,
}

/// The operation's fields as the builder sees them: parameters, then the body.
fn setters(op: &Operation) -> Vec<Setter> {
    let mut setters: Vec<Setter> = op
        .params
        .iter()
        .map(|p| Setter {
            field: p.field.clone(),
            setter: format_ident!("{}", p.setter),
            option_setter: format_ident!("{}", p.option_setter),
            client_default: p.client_default,
        })
        .collect();
    if let Some(body) = &op.body {
        setters.push(Setter {
            field: fields::body_field(body),
            setter: format_ident!("body"),
            option_setter: format_ident!("set_body"),
            client_default: None,
        });
    }
    setters
}

fn builder(op: &Operation, service: &Service) -> TokenStream {
    let ident = format_ident!("{}", op.builder_ident);
    let request = format_ident!("{}", op.request_ident);
    let doc = docs::doc(&builder_doc(op, service));
    let setters = setters(op);
    let declarations = setters.iter().map(|s| {
        let name = &s.setter;
        let ty = fields::stored_type(&s.field, fields::qualified_type(&s.field.ty, service));
        quote!(#name: ::std::option::Option<#ty>,)
    });
    let unset = setters.iter().map(|s| {
        let name = &s.setter;
        quote!(#name: None,)
    });
    let setter_fns = setters.iter().map(|s| setter_fns(s, service));
    // The type a sent request decodes its 2xx response into: its documented body, or `()`.
    let output = op.output().map_or_else(|| quote!(()), |ty| fields::qualified_type(ty, service));
    let response = match &op.headers {
        Some(h) => {
            let headers = format_ident!("{}", h.ident);
            quote!(runtime::Response<#output, super::#headers>)
        }
        None => quote!(runtime::Response<#output>),
    };
    let build = build_request(&setters, &request);
    let waiter = op.waiter.as_ref().map(|w| wait_fn(w, &request));
    let starts = op.starts.as_ref().map(send_and_wait_fn);
    let stream = op.pagination.as_ref().map(|p| {
        let item = fields::qualified_type(&p.item_type, service);
        quote! {
            /// Every item across pages, fetched one page at a time from the offset set here:
            /// see [`runtime::Call::into_stream`] for when it ends.
            pub fn into_stream(self) -> impl runtime::Stream<Item = ::std::result::Result<#item, runtime::Error>> + 'a {
                let (call, request) = self.build();
                call.into_stream(request)
            }
        }
    });
    quote! {
        #doc
        #[must_use = "a call does nothing until it is sent"]
        #[derive(Debug, Clone)]
        pub struct #ident<'a> {
            call: runtime::Call<'a>,
            #(#declarations)*
        }

        impl<'a> #ident<'a> {
            pub(super) fn new(call: runtime::Call<'a>) -> Self {
                Self { call, #(#unset)* }
            }

            #(#setter_fns)*

            /// Checks the request against the documented rules before sending (default: the
            /// client's setting). Switch it off when the service accepts what the docs still forbid.
            pub fn validation(mut self, validate: bool) -> Self {
                self.call.validation(validate);
                self
            }

            /// Time allowed for each attempt of this call.
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.call.timeout(timeout);
                self
            }

            /// Whether this call may be retried (idempotent methods only; default on).
            pub fn retries(mut self, retry: bool) -> Self {
                self.call.retries(retry);
                self
            }

            /// The request this call would send, without sending it.
            pub fn into_request(self) -> ::std::result::Result<super::#request, runtime::Error> {
                self.build().1.map_err(runtime::Error::Validation)
            }

            /// Validates and sends the request; the response dereferences to its body.
            pub async fn send(self) -> ::std::result::Result<#response, runtime::Error> {
                let (call, request) = self.build();
                call.send(request).await
            }

            #stream

            #waiter

            #starts

            /// The call, and the request or every required parameter left unset.
            fn build(self) -> (runtime::Call<'a>, ::std::result::Result<super::#request, runtime::ValidationError>) {
                #build
            }
        }
    }
}

/// `wait_until_<name>()`: polls with the request built so far.
fn wait_fn(waiter: &Waiter, request: &Ident) -> TokenStream {
    let method = format_ident!("{}", waiter.method);
    let quoted = |states: &[String]| states.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
    let mut states = vec![format!("{} means it succeeded, and the last response is returned", quoted(&waiter.success))];
    if !waiter.failure.is_empty() {
        states.push(format!(
            "{} that it failed ([`WaitError::Failed`](runtime::WaitError::Failed))",
            quoted(&waiter.failure)
        ));
    }
    states.push(format!("{} that it still runs", quoted(&waiter.pending)));
    let doc = docs::doc(&[
        format!(
            "Polls this operation until the job is {}. The state is in `{}`: {}. Any other state ends the wait with [`WaitError::UnknownState`](runtime::WaitError::UnknownState).",
            docs::escape(&waiter.name.replace('_', " ")),
            waiter.state.wire,
            states.join("; ")
        ),
        format!(
            "Polls every {} s at first, backing off with jitter, for at most {} s: the returned [`Waiter`](runtime::Waiter) sets other timings before it is awaited. A poll that fails is retried as the client's retry policy says.",
            waiter.delay_seconds, waiter.max_wait_seconds
        ),
    ]);
    quote! {
        #doc
        pub fn #method(self) -> runtime::Waiter<'a, super::#request> {
            let (call, request) = self.build();
            runtime::Waiter::new(call, request)
        }
    }
}

/// `send_and_wait_until_<name>()`: sends the request starting the job, then polls its state,
/// the polling request made of this request's parameters and the response's fields.
fn send_and_wait_fn(starts: &Starts) -> TokenStream {
    let method = format_ident!("{}", starts.method);
    let poll_request = format_ident!("{}", starts.poll_request);
    let fields = starts.arguments.iter().map(|(param, argument)| {
        let name = format_ident!("{param}");
        let value = match argument {
            Argument::Parameter { ident, own_required, poll_required } => {
                let own = format_ident!("{ident}");
                if *own_required && !poll_required { quote!(Some(request.#own)) } else { quote!(request.#own) }
            }
            Argument::Output { field, poll_required } => {
                let ident = format_ident!("{}", field.ident);
                let wire = &field.wire;
                match (field.required, poll_required) {
                    (false, true) => quote!(runtime::started_field(started.#ident.clone(), #wire, &started)?),
                    (true, false) => quote!(Some(started.#ident.clone())),
                    _ => quote!(started.#ident.clone()),
                }
            }
            Argument::Unset => quote!(None),
        };
        quote!(#name: #value,)
    });
    let doc = docs::doc(&[
        format!(
            "Sends the request, then waits for the job it starts as [`{}::{}`]({}::{}) does, polling [`Client::{}`](super::Client::{}) with this request's parameters and the job's ID from the response.",
            starts.poll_builder, starts.waiter_method, starts.poll_builder, starts.waiter_method, starts.poll_id, starts.poll_id
        ),
        "A failure to send, including an invalid request, ends the wait with [`WaitError::Request`](runtime::WaitError::Request).".to_string(),
    ]);
    quote! {
        #doc
        pub fn #method(self) -> runtime::Waiter<'a, super::#poll_request> {
            let (call, request) = self.build();
            let start = call.clone();
            runtime::Waiter::after(call, async move {
                let request = request.map_err(runtime::Error::Validation)?;
                let started = start.send(Ok(request.clone())).await?;
                Ok(super::#poll_request { #(#fields)* })
            })
        }
    }
}

/// The builder's page: the operation's summary and description, method and path, response,
/// documented errors and where it came from.
fn builder_doc(op: &Operation, service: &Service) -> Vec<String> {
    let mut paragraphs = vec![docs::escape(&op.summary)];
    paragraphs.extend(op.description.iter().map(|d| docs::escape(d)));
    let mut how = format!(
        "{}. Started by [`Client::{}`](super::Client::{}); set the parameters, then [`send`](Self::send) it",
        docs::code(&format!("{} {}", op.method, op.path_template)),
        op.id,
        op.id
    );
    if op.pagination.is_some() {
        how.push_str(", or [`into_stream`](Self::into_stream) for every item across pages");
    }
    if let Some(waiter) = &op.waiter {
        let method = &waiter.method;
        how.push_str(&format!(
            ", or [`{method}`](Self::{method}) to poll until the job is {}",
            waiter.name.replace('_', " ")
        ));
    }
    if let Some(starts) = &op.starts {
        let method = &starts.method;
        how.push_str(&format!(", or [`{method}`](Self::{method}) to send it and wait for the job it starts"));
    }
    how.push('.');
    paragraphs.push(how);
    if let Some(output) = op.output() {
        paragraphs.push(format!("The response dereferences to {}.", type_link(output, service)));
    }
    if let Some(headers) = &op.headers {
        paragraphs.push(format!(
            "Its documented headers are read into [`{}`](super::{}), from the response's `typed_headers()`.",
            headers.ident, headers.ident
        ));
    }
    // Statuses grouped by type, in spec order: services document one error shape for most.
    let mut by_type: Vec<(&Type, Vec<String>)> = Vec::new();
    for (status, ty) in op.error_bodies() {
        match by_type.iter_mut().find(|(seen, _)| *seen == ty) {
            Some((_, statuses)) => statuses.push(status.to_string()),
            None => by_type.push((ty, vec![status.to_string()])),
        }
    }
    let errors: Vec<String> = by_type
        .iter()
        .map(|(ty, statuses)| format!("- HTTP {}: {}", statuses.join(", "), type_link(ty, service)))
        .collect();
    if !errors.is_empty() {
        paragraphs.push(format!(
            "Documented errors, whose body [`ApiError::body_as`](runtime::ApiError::body_as) reads as the \
             type given:\n{}",
            errors.join("\n")
        ));
    }
    paragraphs.push(format!(
        "Request type: [`{}`](super::{}). Transcribed from {}.",
        op.request_ident,
        op.request_ident,
        docs::escape(&op.source)
    ));
    paragraphs
}

/// A type as the docs name it, linked when it is one of the service's types.
fn type_link(ty: &Type, service: &Service) -> String {
    match ty {
        Type::Named(id) => {
            let ident = service.type_def(*id).ident();
            format!("[`{ident}`](super::{ident})")
        }
        other => docs::code(&service.type_name(other)),
    }
}

/// The setter pair of one field: `foo(value)` and `set_foo(Option<value>)`.
fn setter_fns(setter: &Setter, service: &Service) -> TokenStream {
    let Setter { field, setter, option_setter, client_default } = setter;
    let mut paragraphs = docs::field_doc(field, service);
    if field.required {
        paragraphs.push(match client_default {
            Some(ClientDefault::ProjectId) => "Required; the client's project ID when not set.".to_string(),
            None => "Required: [`send`](Self::send) fails without sending when it is not set.".to_string(),
        });
    }
    let doc = docs::doc(&paragraphs);
    let option_doc = docs::doc(&[format!("Sets or clears [`{setter}`](Self::{setter}).")]);
    let name = format_ident!("{}", field.ident);
    let ty = fields::qualified_type(&field.ty, service);
    let (argument, value) = fields::argument(field, ty.clone(), service);
    let value = value.unwrap_or_else(|| quote!(#name));
    let option_value = fields::stored_value(field, quote!(#name), true);
    quote! {
        #doc
        pub fn #setter(mut self, #name: #argument) -> Self {
            self.#setter = Some(#value);
            self
        }

        #option_doc
        pub fn #option_setter(mut self, #name: ::std::option::Option<#ty>) -> Self {
            self.#setter = #option_value;
            self
        }
    }
}

/// Moves the collected fields into the request, reporting every required one left unset; a
/// parameter the client's configuration supplies comes from the client when the call sets none.
fn build_request(setters: &[Setter], request: &Ident) -> TokenStream {
    let project_default = setters.iter().find(|s| s.client_default == Some(ClientDefault::ProjectId)).map(|s| {
        let name = &s.setter;
        quote!(let #name = self.#name.or_else(|| self.call.project_id().map(str::to_string));)
    });
    let source = |s: &Setter| {
        let name = &s.setter;
        if s.client_default.is_some() { quote!(#name) } else { quote!(self.#name) }
    };
    let required: Vec<&Setter> = setters.iter().filter(|s| s.field.required).collect();
    let assignments = setters.iter().map(|s| {
        let field = format_ident!("{}", s.field.ident);
        if s.field.required && s.setter == field {
            quote!(#field,)
        } else if s.field.required {
            let name = &s.setter;
            quote!(#field: #name,)
        } else {
            let value = source(s);
            quote!(#field: #value,)
        }
    });
    let build = quote!(Ok(super::#request { #(#assignments)* }));
    let names: Vec<&Ident> = required.iter().map(|s| &s.setter).collect();
    let wires: Vec<&str> = required.iter().map(|s| s.field.wire.as_str()).collect();
    let sources: Vec<TokenStream> = required.iter().map(|s| source(s)).collect();
    let checked = match required.len() {
        0 => build,
        1 => {
            let (name, wire, source) = (names[0], wires[0], &sources[0]);
            quote! {
                match #source {
                    Some(#name) => #build,
                    None => Err(runtime::ValidationError::missing(&[(#wire, true)])),
                }
            }
        }
        _ => quote! {
            match (#(#sources),*) {
                (#(Some(#names)),*) => #build,
                (#(#names),*) => Err(runtime::ValidationError::missing(&[#((#wires, #names.is_none())),*])),
            }
        },
    };
    quote! {
        #project_default
        let request = #checked;
        (self.call, request)
    }
}

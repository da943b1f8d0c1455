//! `operations.rs` of a service: one request type per operation, which validates itself and
//! renders its method, path, query and body through the runtime's `Operation` trait.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Part, docs, fields, part};
use crate::ir::{Field, Operation, OutputField, ParamIn, PathPart, Service, Type, Waiter, reserved};

pub fn operations_file(service: &Service) -> Vec<Part<'_>> {
    let sensitive_fields = sensitive_fields(service);
    let redacts = !sensitive_fields.is_empty();
    let requests = service.operations.iter().map(move |op| part(move || request(op, service, redacts)));
    let header = part(move || header(service, &sensitive_fields));
    std::iter::once(header).chain(requests).collect()
}

/// The module docs, the imports the file uses, and the list of sensitive response fields.
fn header(service: &Service, sensitive_fields: &[String]) -> TokenStream {
    let types = (!service.types.is_empty()).then(|| {
        quote!(
            use super::types::*;
        )
    });
    let runtime = super::uses_runtime(true);
    let sensitive_const = (!sensitive_fields.is_empty()).then(|| {
        let ident = format_ident!("{}", reserved::SENSITIVE_FIELDS);
        quote! {
            /// Response fields the spec marks sensitive, redacted from bodies quoted in errors.
            const #ident: &[&str] = &[#(#sensitive_fields),*];
        }
    });
    quote! {
        //! One request type per operation of the service.
        #types
        #runtime
        #sensitive_const
    }
}

/// Wire names of every sensitive field of the service's types, sorted and once each.
fn sensitive_fields(service: &Service) -> Vec<String> {
    let wires: std::collections::BTreeSet<String> =
        service.structs().flat_map(|s| s.fields.iter().filter(|f| f.sensitive).map(|f| f.wire.clone())).collect();
    wires.into_iter().collect()
}

fn request(op: &Operation, service: &Service, redacts: bool) -> TokenStream {
    let ident = format_ident!("{}", op.request_ident);
    let mut paragraphs = vec![docs::escape(&op.summary)];
    paragraphs.extend(op.description.iter().map(|d| docs::escape(d)));
    paragraphs.push(format!(
        "{} ({}), transcribed from {}.",
        docs::code(&format!("{} {}", op.method, op.path_template)),
        docs::code(&op.id),
        docs::escape(&op.source)
    ));
    let doc = docs::doc(&paragraphs);

    let body_field = op.body.as_ref().map(fields::body_field);
    let all_fields: Vec<&Field> = op.params.iter().map(|p| &p.field).chain(body_field.as_ref()).collect();
    let declarations = all_fields.iter().map(|f| fields::declaration(f, service, false));
    let default = all_fields.iter().all(|f| fields::has_default(f)).then(|| quote!(Default,));
    let checks = all_fields.iter().flat_map(|f| fields::checks(f, service)).collect();
    let validate = fields::validate_impl(&ident, checks);
    let constructor = fields::constructor(&ident, &all_fields, service);

    let id = &op.id;
    let method = format_ident!("{}", op.method.variant());
    let template = &op.path_template;
    let output = op.output().map_or_else(|| quote!(()), |ty| fields::rust_type(ty, service));
    let path = path_expr(op);
    let query = query_body(op);
    let body = match &op.body {
        Some(body) if body.multipart => multipart_body(body, service),
        Some(_) => quote!(runtime::Body::json(&self.body)),
        None => quote!(Ok(runtime::Body::Empty)),
    };
    let sensitive = redacts.then(|| {
        let ident = format_ident!("{}", reserved::SENSITIVE_FIELDS);
        quote!(
            const SENSITIVE_FIELDS: &'static [&'static str] = #ident;
        )
    });
    let headers = headers_fn(op);
    let (headers_type, typed_headers) = match &op.headers {
        Some(h) => {
            let ident = format_ident!("{}", h.ident);
            (quote!(#ident), Some(typed_headers(&ident, op, &h.fields, service)))
        }
        None => (quote!(()), None),
    };
    let paginated = op.pagination.as_ref().map(|p| paginated_impl(&ident, p, service));
    let wait = op.waiter.as_ref().map(|w| wait_impl(&ident, w));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #ident {
            #(#declarations)*
        }

        #constructor

        #validate

        impl runtime::Operation for #ident {
            const ID: &'static str = #id;
            const METHOD: runtime::Method = runtime::Method::#method;
            const PATH_TEMPLATE: &'static str = #template;
            #sensitive
            type Output = #output;
            type Headers = #headers_type;

            fn path(&self) -> ::std::string::String {
                #path
            }

            fn query(&self) -> runtime::Query {
                #query
            }

            #headers

            fn body(&self) -> ::std::result::Result<runtime::Body, runtime::serde_json::Error> {
                #body
            }
        }

        #paginated

        #wait

        #typed_headers
    }
}

/// What the waiter's states mean, and where the state, the failure reason and the error code
/// are in the response.
fn wait_impl(ident: &proc_macro2::Ident, waiter: &Waiter) -> TokenStream {
    let Waiter { name, state, state_is_enum, success, failure, pending, reason, error_code, .. } = waiter;
    let delay = proc_macro2::Literal::u64_unsuffixed(waiter.delay_seconds);
    let max_wait = proc_macro2::Literal::u64_unsuffixed(waiter.max_wait_seconds);
    let state_wire = &state.wire;
    let field = format_ident!("{}", state.ident);
    let read = if state.required {
        quote!(Some(output.#field.as_str()))
    } else if *state_is_enum {
        quote!(output.#field.as_ref().map(|state| state.as_str()))
    } else {
        quote!(output.#field.as_deref())
    };
    let text = |field: &Option<OutputField>| match field {
        Some(f) => {
            let ident = format_ident!("{}", f.ident);
            if f.required { quote!(Some(output.#ident.clone())) } else { quote!(output.#ident.clone()) }
        }
        None => quote!(None),
    };
    let (reason, code) = (text(reason), text(error_code));
    // Named `_output` when the docs give neither field, so it is not an unused variable.
    let failed_output = if waiter.reason.is_some() || waiter.error_code.is_some() {
        format_ident!("output")
    } else {
        format_ident!("_output")
    };
    quote! {
        impl runtime::Wait for #ident {
            const WAITER: runtime::WaiterSpec = runtime::WaiterSpec {
                name: #name,
                state_field: #state_wire,
                success: &[#(#success),*],
                failure: &[#(#failure),*],
                pending: &[#(#pending),*],
                delay: ::std::time::Duration::from_secs(#delay),
                max_wait: ::std::time::Duration::from_secs(#max_wait),
            };

            fn state(output: &Self::Output) -> ::std::option::Option<&str> {
                #read
            }

            fn failure(#failed_output: &Self::Output) -> (::std::option::Option<::std::string::String>, ::std::option::Option<::std::string::String>) {
                (#reason, #code)
            }
        }
    }
}

/// The struct the documented response headers are read into, one optional field each.
fn typed_headers(ident: &proc_macro2::Ident, op: &Operation, headers: &[Field], service: &Service) -> TokenStream {
    let doc = docs::doc(&[format!(
        "The headers a {} response documents, each `None` when absent or not of its documented type.",
        docs::code(&op.id)
    )]);
    let declarations = headers.iter().map(|f| fields::declaration(f, service, false));
    let reads = headers.iter().map(|f| {
        let name = format_ident!("{}", f.ident);
        let wire = &f.wire;
        quote!(#name: runtime::parse_header(headers, #wire),)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #ident {
            #(#declarations)*
        }

        impl runtime::FromHeaders for #ident {
            fn from_headers(headers: &runtime::HeaderMap) -> Self {
                Self { #(#reads)* }
            }
        }
    }
}

/// The form's fields as parts, in spec order; absent optional ones are left out.
fn multipart_body(body: &crate::ir::Body, service: &Service) -> TokenStream {
    let parts = service.struct_def_of(&body.ty).into_iter().flat_map(|form| &form.fields).map(|field| {
        let (name, ident) = (&field.wire, format_ident!("{}", field.ident));
        let value = if field.required { quote!(Some(&self.body.#ident)) } else { quote!(self.body.#ident.as_ref()) };
        match (&field.ty, field.sensitive) {
            (Type::File, _) => quote!(form.file(#name, #value);),
            (_, true) => quote!(form.text(#name, #value.map(runtime::Sensitive::expose));),
            _ => quote!(form.text(#name, #value);),
        }
    });
    quote! {
        let mut form = runtime::Form::default();
        #(#parts)*
        Ok(runtime::Body::Multipart(form))
    }
}

/// `fn headers` for operations with header parameters; the trait's default sends none.
fn headers_fn(op: &Operation) -> Option<TokenStream> {
    let pushes: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|p| p.location == ParamIn::Header)
        .map(|p| {
            let name = &p.field.wire;
            let ident = format_ident!("{}", p.field.ident);
            let value = if p.field.sensitive { quote!(value.expose().to_string()) } else { quote!(value.to_string()) };
            if p.field.required {
                quote!(let value = &self.#ident; headers.push((#name, #value));)
            } else {
                quote!(if let Some(value) = &self.#ident { headers.push((#name, #value)); })
            }
        })
        .collect();
    (!pushes.is_empty()).then(|| {
        quote! {
            fn headers(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
                let mut headers = ::std::vec::Vec::new();
                #(#pushes)*
                headers
            }
        }
    })
}

fn paginated_impl(request: &proc_macro2::Ident, p: &crate::ir::Pagination, service: &Service) -> TokenStream {
    let item = fields::rust_type(&p.item_type, service);
    let (offset, limit) = (format_ident!("{}", p.offset_param), format_ident!("{}", p.limit_param));
    let (items, total) = (format_ident!("{}", p.items_field), format_ident!("{}", p.total_field));
    let page_items = if p.items_required { quote!(page.#items) } else { quote!(page.#items.unwrap_or_default()) };
    // Integer (i32) totals widen to i64; Long totals are i64 already.
    let widen = p.total_type == Type::I32;
    let page_total = match (p.total_required, widen) {
        (true, true) => quote!(Some(i64::from(page.#total))),
        (true, false) => quote!(Some(page.#total)),
        (false, true) => quote!(page.#total.map(i64::from)),
        (false, false) => quote!(page.#total),
    };
    quote! {
        impl runtime::Paginated for #request {
            type Item = #item;

            fn page_parameters(&mut self) -> (&mut dyn runtime::PageParameter, &dyn runtime::PageParameter) {
                (&mut self.#offset, &self.#limit)
            }

            fn into_page(page: Self::Output) -> (::std::vec::Vec<#item>, ::std::option::Option<i64>) {
                (#page_items, #page_total)
            }
        }
    }
}

/// `["/v1/", encode(&self.project_id).as_str(), "/notebooks"].concat()`: an expression
/// prettyplease formats (it leaves `format!` arguments as raw tokens), or the literal path.
fn path_expr(op: &Operation) -> TokenStream {
    let parts: Vec<TokenStream> = op
        .path
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => quote!(#text),
            PathPart::Param(ident) => {
                let field = op.params.iter().find(|p| &p.field.ident == ident).map(|p| &p.field);
                let ident = format_ident!("{}", ident);
                match field {
                    Some(f) if f.ty == Type::String && f.sensitive => {
                        quote!(runtime::encode(self.#ident.expose()).as_str())
                    }
                    Some(f) if f.ty == Type::String => quote!(runtime::encode(&self.#ident).as_str()),
                    _ => quote!(runtime::encode(&self.#ident.to_string()).as_str()),
                }
            }
        })
        .collect();
    match parts.as_slice() {
        [only] => quote!(#only.to_string()),
        _ => quote!([#(#parts),*].concat()),
    }
}

fn query_body(op: &Operation) -> TokenStream {
    let pushes: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|p| p.location == ParamIn::Query)
        .map(|p| {
            let name = &p.field.wire;
            let ident = format_ident!("{}", p.field.ident);
            let exposed = |value: TokenStream| {
                if p.field.sensitive { quote!(#value.map(runtime::Sensitive::expose)) } else { value }
            };
            match (&p.field.ty, p.field.required) {
                (Type::Array(_), true) => quote!(query.push_each(#name, Some(self.#ident.as_slice()));),
                (Type::Array(_), false) => quote!(query.push_each(#name, self.#ident.as_deref());),
                (_, true) => {
                    let value = exposed(quote!(Some(&self.#ident)));
                    quote!(query.push(#name, #value);)
                }
                (_, false) => {
                    let value = exposed(quote!(self.#ident.as_ref()));
                    quote!(query.push(#name, #value);)
                }
            }
        })
        .collect();
    if pushes.is_empty() {
        quote!(runtime::Query::default())
    } else {
        quote! {
            let mut query = runtime::Query::default();
            #(#pushes)*
            query
        }
    }
}

//! `client.rs` of a service: the `Client`, one method per operation, and for each operation
//! the input its call collects, with a setter per parameter.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Part, docs, fields, part};
use crate::ir::{ClientDefault, Field, Operation, Service, Type};

pub fn client_file(service: &Service) -> Vec<Part<'_>> {
    let inputs = service.operations.iter().map(|op| part(move || input(op, service)));
    std::iter::once(part(move || client(service))).chain(inputs).collect()
}

/// The module docs and imports, and the `Client` with one method per operation.
fn client(service: &Service) -> TokenStream {
    let title = format!("Client for {} (API {}).", docs::escape(&service.title), docs::escape(&service.api_version));
    let doc = docs::doc(&[
        title,
        "Create it once from a [`runtime::Config`] and share it: each method starts a call; set its parameters, then `send()` it.".into(),
    ]);
    let endpoint = &service.endpoint;
    let methods = service.operations.iter().map(method);
    // The calls name the service's types only when a parameter or the body has one.
    let named = |ty: &Type| match ty {
        Type::Array(inner) => matches!(**inner, Type::Named(_)),
        other => matches!(other, Type::Named(_)),
    };
    let uses_types =
        service.operations.iter().any(|op| op.body.is_some() || op.params.iter().any(|p| named(&p.field.ty)));
    let types = uses_types.then(|| {
        quote!(
            use super::types::*;
        )
    });
    let runtime = super::uses_runtime(true);
    quote! {
        //! The service's client: one method per operation, each returning a call whose setters
        //! are the operation's parameters.
        use super::operations::*;
        #types
        #runtime

        #doc
        #[derive(Debug, Clone)]
        pub struct Client {
            transport: runtime::Transport,
        }

        impl Client {
            /// The endpoint of a region; `{region}` comes from [`runtime::Config`] when it sets no endpoint.
            pub const ENDPOINT_TEMPLATE: &'static str = #endpoint;

            /// A client sending to the configured endpoint, or to this service's endpoint in the
            /// configured region.
            pub fn new(config: runtime::Config) -> ::std::result::Result<Self, runtime::Error> {
                Ok(Client { transport: runtime::Transport::new(config, Self::ENDPOINT_TEMPLATE)? })
            }

            /// Sends a request built by hand; every request type implements [`runtime::Operation`].
            pub async fn send<R: runtime::Operation>(
                &self,
                request: &R,
            ) -> ::std::result::Result<runtime::Response<R::Output>, runtime::Error> {
                self.transport.send(request, &runtime::CallOptions::default()).await
            }

            #(#methods)*
        }
    }
}

/// One field of an operation's call: a parameter, or the body.
struct CallField {
    field: Field,
    setter: String,
    client_default: Option<ClientDefault>,
}

/// The operation's fields as the call sees them: parameters, then the body.
fn call_fields(op: &Operation) -> Vec<CallField> {
    let mut fields: Vec<CallField> = op
        .params
        .iter()
        .map(|p| CallField { field: p.field.clone(), setter: p.setter.clone(), client_default: p.client_default })
        .collect();
    if let Some(body) = &op.body {
        fields.push(CallField { field: fields::body_field(body), setter: "body".into(), client_default: None });
    }
    fields
}

fn method(op: &Operation) -> TokenStream {
    let ident = format_ident!("{}", op.id);
    let input = format_ident!("{}", op.input_ident);
    let mut how = format!(
        "{}. Set the parameters on the call, then `send()` it",
        docs::code(&format!("{} {}", op.method, op.path_template))
    );
    how.push_str(if op.pagination.is_some() { ", or `into_stream()` for every item across pages." } else { "." });
    let doc = docs::doc(&[docs::escape(&op.summary), how]);
    quote! {
        #doc
        pub fn #ident(&self) -> runtime::Call<'_, #input> {
            runtime::Call::new(&self.transport)
        }
    }
}

fn input(op: &Operation, service: &Service) -> TokenStream {
    let ident = format_ident!("{}", op.input_ident);
    let request = format_ident!("{}", op.request_ident);
    let doc = docs::doc(&[format!("The parameters of a [`Client::{}`] call.", op.id)]);
    let fields = call_fields(op);
    let declarations = fields.iter().map(|CallField { field, .. }| {
        let name = format_ident!("{}", field.ident);
        let ty = fields::field_type(&Field { required: false, ..field.clone() }, service);
        quote!(#name: #ty,)
    });
    let setters = fields.iter().map(|call_field| setter_fn(&call_field.field, &call_field.setter, service));
    let conversion = into_request(&fields, &request);
    // The client's project ID is used only by operations with a `project_id` path parameter.
    let takes_project_id = fields.iter().any(|f| f.client_default == Some(ClientDefault::ProjectId));
    let project_id = if takes_project_id { quote!(project_id) } else { quote!(_project_id) };
    quote! {
        #doc
        #[derive(Debug, Clone, Default)]
        pub struct #ident {
            #(#declarations)*
        }

        impl runtime::Call<'_, #ident> {
            #(#setters)*
        }

        impl runtime::IntoRequest for #ident {
            type Request = #request;

            fn into_request(
                self,
                #project_id: ::std::option::Option<&str>,
            ) -> ::std::result::Result<#request, runtime::ValidationError> {
                #conversion
            }
        }
    }
}

fn setter_fn(field: &Field, setter: &str, service: &Service) -> TokenStream {
    let doc = docs::doc(&docs::field_doc(field, service));
    let setter = format_ident!("{}", setter);
    let name = format_ident!("{}", field.ident);
    let ty = fields::rust_type(&field.ty, service);
    let into = |ty: &TokenStream| quote!(impl ::std::convert::Into<#ty>);
    // Lowering allows `sensitive` on strings only.
    let (argument, value) = if field.sensitive {
        (into(&ty), quote!(runtime::Sensitive::new(#name.into())))
    } else if is_enum_or_string(&field.ty, service) {
        (into(&ty), quote!(#name.into()))
    } else {
        (ty, quote!(#name))
    };
    quote! {
        #doc
        pub fn #setter(mut self, #name: #argument) -> Self {
            self.input.#name = Some(#value);
            self
        }
    }
}

/// Strings and enums take anything convertible (`&str`, `String`, a variant).
fn is_enum_or_string(ty: &Type, service: &Service) -> bool {
    match ty {
        Type::String => true,
        Type::Named(id) => matches!(service.type_def(*id), crate::ir::TypeDef::Enum(_)),
        _ => false,
    }
}

/// Moves the input into the request, reporting every required parameter left unset; a
/// parameter the client's configuration supplies comes from the client when the call sets none.
fn into_request(fields: &[CallField], request: &proc_macro2::Ident) -> TokenStream {
    let project_default = fields
        .iter()
        .any(|f| f.client_default == Some(ClientDefault::ProjectId))
        .then(|| quote!(let project_id = self.project_id.or_else(|| project_id.map(str::to_string));));
    let source = |field: &CallField| {
        let name = format_ident!("{}", field.field.ident);
        if field.client_default.is_some() { quote!(#name) } else { quote!(self.#name) }
    };
    let required: Vec<&CallField> = fields.iter().filter(|f| f.field.required).collect();
    let assignments = fields.iter().map(|field| {
        let name = format_ident!("{}", field.field.ident);
        if field.field.required {
            quote!(#name,)
        } else {
            let value = source(field);
            quote!(#name: #value,)
        }
    });
    let build = quote!(Ok(#request { #(#assignments)* }));
    let names: Vec<_> = required.iter().map(|f| format_ident!("{}", f.field.ident)).collect();
    let wires: Vec<&str> = required.iter().map(|f| f.field.wire.as_str()).collect();
    let sources: Vec<_> = required.iter().map(|f| source(f)).collect();
    let checked = match required.len() {
        0 => build,
        1 => {
            let (name, wire, source) = (&names[0], wires[0], &sources[0]);
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
        #checked
    }
}

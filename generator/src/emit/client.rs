//! `client.rs` of a service: the `Client`, one method per operation, and for each operation
//! the input its call collects, with a setter per parameter.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Part, docs, fields, part};
use crate::ir::{Field, Operation, Service, Type};

pub fn client_file(service: &Service) -> Vec<Part<'_>> {
    let inputs = service.operations.iter().map(|op| part(move || input(op, service)));
    std::iter::once(part(move || client(service))).chain(inputs).collect()
}

/// The module docs and imports, and the `Client` with one method per operation.
fn client(service: &Service) -> TokenStream {
    let title = format!("Client for {} (API {}).", service.title, service.api_version);
    let doc = docs::doc(&[
        title,
        "Create it once from a [`Config`] and share it: each method starts a call; set its parameters, then `send()` it.".into(),
    ]);
    let endpoint = &service.endpoint;
    let methods = service.operations.iter().map(method);
    // The calls name the service's types only when a parameter or the body has one.
    let named = |ty: &Type| match ty {
        Type::Array(inner) => matches!(**inner, Type::Struct { .. } | Type::Enum { .. }),
        other => matches!(other, Type::Struct { .. } | Type::Enum { .. }),
    };
    let uses_types =
        service.operations.iter().any(|op| op.body.is_some() || op.params.iter().any(|p| named(&p.field.ty)));
    let types = uses_types.then(|| {
        quote!(
            use super::types::*;
        )
    });
    let sensitive =
        service.operations.iter().flat_map(|op| &op.params).any(|p| p.field.sensitive).then(|| quote!(Sensitive,));
    quote! {
        //! The service's client: one method per operation, each returning a call whose setters
        //! are the operation's parameters.
        use super::operations::*;
        #types
        use crate::runtime::{Call, Config, Error, IntoRequest, Operation, Response, #sensitive Transport, ValidationError};

        #doc
        #[derive(Debug, Clone)]
        pub struct Client {
            transport: Transport,
        }

        impl Client {
            /// The endpoint of a region; `{region}` comes from [`Config`] when it sets no endpoint.
            pub const ENDPOINT_TEMPLATE: &'static str = #endpoint;

            pub fn new(config: Config) -> Result<Self, Error> {
                Ok(Client { transport: Transport::new(config, Self::ENDPOINT_TEMPLATE)? })
            }

            /// Sends a request built by hand; every request type implements [`Operation`].
            pub async fn send<R: Operation>(&self, request: &R) -> Result<Response<R::Output>, Error> {
                self.transport.send(request, &Default::default()).await
            }

            #(#methods)*
        }
    }
}

fn input_ident(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}Input", op.type_prefix)
}

/// The operation's fields as the call sees them: parameters, then the body.
fn call_fields(op: &Operation) -> Vec<(Field, String)> {
    let mut fields: Vec<(Field, String)> = op.params.iter().map(|p| (p.field.clone(), p.setter.clone())).collect();
    if let Some(body) = &op.body {
        fields.push((fields::body_field(body), "body".into()));
    }
    fields
}

fn method(op: &Operation) -> TokenStream {
    let ident = format_ident!("{}", op.id);
    let input = input_ident(op);
    let mut how = format!("`{} {}`. Set the parameters on the call, then `send()` it", op.method, op.path_template);
    how.push_str(if op.pagination.is_some() { ", or `into_stream()` for every item across pages." } else { "." });
    let doc = docs::doc(&[docs::escape(&op.summary), how]);
    quote! {
        #doc
        pub fn #ident(&self) -> Call<'_, #input> {
            Call::new(&self.transport)
        }
    }
}

fn input(op: &Operation, service: &Service) -> TokenStream {
    let ident = input_ident(op);
    let request = format_ident!("{}Request", op.type_prefix);
    let doc = docs::doc(&[format!("The parameters of a [`Client::{}`] call.", op.id)]);
    let fields = call_fields(op);
    let declarations = fields.iter().map(|(field, _)| {
        let name = format_ident!("{}", field.ident);
        let ty = fields::field_type(&Field { required: false, ..field.clone() });
        quote!(#name: #ty,)
    });
    let setters = fields.iter().map(|(field, setter)| setter_fn(field, setter, service));
    let conversion = into_request(&fields, &request);
    // The client's project ID is used only by operations with a `project_id` path parameter.
    let project_id =
        if fields.iter().any(|(f, _)| takes_client_project_id(f)) { quote!(project_id) } else { quote!(_project_id) };
    quote! {
        #doc
        #[derive(Debug, Clone, Default)]
        pub struct #ident {
            #(#declarations)*
        }

        impl Call<'_, #ident> {
            #(#setters)*
        }

        impl IntoRequest for #ident {
            type Request = #request;

            fn into_request(self, #project_id: Option<&str>) -> Result<#request, ValidationError> {
                #conversion
            }
        }
    }
}

fn setter_fn(field: &Field, setter: &str, service: &Service) -> TokenStream {
    let doc = docs::doc(&docs::field_doc(field, service));
    let setter = format_ident!("{}", setter);
    let name = format_ident!("{}", field.ident);
    let ty = fields::rust_type(&field.ty);
    let (argument, value) = match (&field.ty, field.sensitive) {
        (Type::String, true) => (quote!(impl Into<String>), quote!(Sensitive::new(#name.into()))),
        (Type::String | Type::Enum { .. }, false) => (quote!(impl Into<#ty>), quote!(#name.into())),
        _ => (ty, quote!(#name)),
    };
    quote! {
        #doc
        pub fn #setter(mut self, #name: #argument) -> Self {
            self.input.#name = Some(#value);
            self
        }
    }
}

/// A required `project_id` parameter: a call that does not set it takes the client's.
fn takes_client_project_id(field: &Field) -> bool {
    field.wire == "project_id" && field.required
}

/// Moves the input into the request, reporting every required parameter left unset; a
/// `project_id` the call does not set comes from the client.
fn into_request(fields: &[(Field, String)], request: &proc_macro2::Ident) -> TokenStream {
    let project_default = fields
        .iter()
        .any(|(f, _)| takes_client_project_id(f))
        .then(|| quote!(let project_id = self.project_id.or_else(|| project_id.map(str::to_string));));
    let source = |field: &Field| {
        let name = format_ident!("{}", field.ident);
        if takes_client_project_id(field) { quote!(#name) } else { quote!(self.#name) }
    };
    let required: Vec<&Field> = fields.iter().map(|(f, _)| f).filter(|f| f.required).collect();
    let assignments = fields.iter().map(|(field, _)| {
        let name = format_ident!("{}", field.ident);
        if field.required {
            quote!(#name,)
        } else {
            let value = source(field);
            quote!(#name: #value,)
        }
    });
    let build = quote!(Ok(#request { #(#assignments)* }));
    let names: Vec<_> = required.iter().map(|f| format_ident!("{}", f.ident)).collect();
    let wires: Vec<&str> = required.iter().map(|f| f.wire.as_str()).collect();
    let sources: Vec<_> = required.iter().map(|f| source(f)).collect();
    let checked = match required.len() {
        0 => build,
        1 => {
            let (name, wire, source) = (&names[0], wires[0], &sources[0]);
            quote! {
                match #source {
                    Some(#name) => #build,
                    None => Err(ValidationError::missing(&[(#wire, true)])),
                }
            }
        }
        _ => quote! {
            match (#(#sources),*) {
                (#(Some(#names)),*) => #build,
                (#(#names),*) => Err(ValidationError::missing(&[#((#wires, #names.is_none())),*])),
            }
        },
    };
    quote! {
        #project_default
        #checked
    }
}

//! `operations.rs` of a service: one request type per operation, which validates itself and
//! renders its method, path, query and body through the runtime's `Operation` trait.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, fields};
use crate::ir::{Field, Operation, ParamIn, PathPart, Service, Type};

pub fn operations_file(service: &Service) -> TokenStream {
    let requests = service.operations.iter().map(|op| request(op, service));
    let sensitive =
        service.operations.iter().any(|op| op.params.iter().any(|p| p.field.sensitive)).then(|| quote!(Sensitive,));
    let encode = service
        .operations
        .iter()
        .any(|op| op.path.iter().any(|part| matches!(part, PathPart::Param(_))))
        .then(|| quote!(encode,));
    let types = (!service.types.is_empty()).then(|| {
        quote!(
            use super::types::*;
        )
    });
    quote! {
        //! One request type per operation of the service.
        #types
        use crate::runtime::{Body, Operation, Query, #sensitive Validate, Validator, #encode};
        #(#requests)*
    }
}

fn request(op: &Operation, service: &Service) -> TokenStream {
    let ident = format_ident!("{}Request", op.type_prefix);
    let mut paragraphs = vec![docs::escape(&op.summary)];
    paragraphs.extend(op.description.iter().map(|d| docs::escape(d)));
    paragraphs.push(format!(
        "{} (`{}`), transcribed from {}.",
        docs::code(&format!("{} {}", op.method, op.path_template)),
        op.id,
        docs::escape(&op.source)
    ));
    let doc = docs::doc(&paragraphs);

    let body_field = op.body.as_ref().map(|body| Field {
        wire: "body".into(),
        ident: "body".into(),
        ty: body.ty.clone(),
        required: true,
        description: Some(body.description.clone().unwrap_or_else(|| "The request body.".into())),
        rules: Default::default(),
        sensitive: false,
        default: None,
    });
    let all_fields: Vec<&Field> = op.params.iter().map(|p| &p.field).chain(body_field.as_ref()).collect();
    let declarations = all_fields.iter().map(|f| fields::declaration(f, service, false));
    let default = all_fields.iter().all(|f| fields::has_default(f)).then(|| quote!(Default,));
    let validate = fields::validate_impl(&ident, all_fields.iter().flat_map(|f| fields::checks(f)).collect());

    let id = &op.id;
    let method = &op.method;
    let template = &op.path_template;
    let output = op
        .responses
        .iter()
        .filter(|r| r.is_success())
        .find_map(|r| r.body.as_ref())
        .map_or_else(|| quote!(()), fields::rust_type);
    let path = path_expr(op);
    let query = query_body(op);
    let body = match &op.body {
        Some(_) => quote!(Body::json(&self.body)),
        None => quote!(Ok(Body::Empty)),
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default)]
        pub struct #ident {
            #(#declarations)*
        }

        #validate

        impl Operation for #ident {
            const ID: &'static str = #id;
            const METHOD: &'static str = #method;
            const PATH_TEMPLATE: &'static str = #template;
            type Output = #output;

            fn path(&self) -> String {
                #path
            }

            fn query(&self) -> Query {
                #query
            }

            fn body(&self) -> Result<Body, serde_json::Error> {
                #body
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
                    Some(f) if f.ty == Type::String && f.sensitive => quote!(encode(self.#ident.expose()).as_str()),
                    Some(f) if f.ty == Type::String => quote!(encode(&self.#ident).as_str()),
                    _ => quote!(encode(&self.#ident.to_string()).as_str()),
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
            let exposed =
                |value: TokenStream| if p.field.sensitive { quote!(#value.map(Sensitive::expose)) } else { value };
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
        quote!(Query::default())
    } else {
        quote! {
            let mut query = Query::default();
            #(#pushes)*
            query
        }
    }
}

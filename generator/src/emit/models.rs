//! `types.rs` of a service: its patterns, structs and enums.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, fields};
use crate::ir::{Enum, Service, Struct, TypeDef};

pub fn types_file(service: &Service) -> TokenStream {
    let patterns = service.patterns.iter().map(|pattern| {
        let ident = format_ident!("{}", pattern.ident);
        let regex = &pattern.regex;
        let doc = docs::doc(&[pattern.description.clone().unwrap_or_default(), docs::code(regex)]);
        quote! {
            #doc
            pub(crate) static #ident: Pattern = Pattern::new(#regex);
        }
    });
    let types = service.types.iter().map(|def| match def {
        TypeDef::Struct(s) => struct_def(s, service),
        TypeDef::Enum(e) => enum_def(e),
    });
    let uses = runtime_uses(service);
    quote! {
        //! Types of the service: request bodies, responses and their parts.
        #uses
        #(#patterns)*
        #(#types)*
    }
}

/// Imports only what the file uses, so the crate builds without unused-import warnings.
fn runtime_uses(service: &Service) -> TokenStream {
    let structs = || {
        service.types.iter().filter_map(|t| match t {
            TypeDef::Struct(s) => Some(s),
            TypeDef::Enum(_) => None,
        })
    };
    let mut names = Vec::new();
    if !service.patterns.is_empty() {
        names.push(quote!(Pattern));
    }
    if structs().any(|s| s.fields.iter().any(|f| f.sensitive)) {
        names.push(quote!(Sensitive));
    }
    let closed_enum = service.types.iter().any(|t| matches!(t, TypeDef::Enum(e) if !e.open));
    if closed_enum || structs().any(|s| s.validated) {
        names.push(quote!(Validate));
        names.push(quote!(Validator));
    }
    let serde = structs().next().map(|_| {
        quote!(
            use serde::{Deserialize, Serialize};
        )
    });
    let runtime = (!names.is_empty()).then(|| quote!(use crate::runtime::{#(#names),*};));
    quote! {
        #serde
        #runtime
    }
}

fn struct_def(s: &Struct, service: &Service) -> TokenStream {
    let ident = format_ident!("{}", s.ident);
    let doc = docs::doc(&s.description.iter().map(|d| docs::escape(d)).collect::<Vec<_>>());
    let fields = s.fields.iter().map(|f| fields::declaration(f, service, true));
    let default = s.fields.iter().all(fields::has_default).then(|| quote!(Default,));
    let validate =
        s.validated.then(|| fields::validate_impl(&ident, s.fields.iter().flat_map(fields::checks).collect()));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
        pub struct #ident {
            #(#fields)*
        }
        #validate
    }
}

fn enum_def(e: &Enum) -> TokenStream {
    let ident = format_ident!("{}", e.ident);
    let policy = if e.open {
        "Open: values the docs do not list are sent and received as `Unknown`."
    } else {
        "Closed: `validate()` rejects `Unknown` in requests; responses still decode values the docs do not list into `Unknown`."
    };
    let mut paragraphs: Vec<String> = e.description.iter().map(|d| docs::escape(d)).collect();
    paragraphs.push(policy.to_string());
    let doc = docs::doc(&paragraphs);
    let variants = e.values.iter().map(|value| {
        let variant = format_ident!("{}", value.ident);
        let text = match &value.description {
            Some(description) => format!("{}: {}", docs::code(&value.wire), docs::escape(description)),
            None => docs::code(&value.wire),
        };
        let doc = docs::doc(&[text]);
        quote! { #doc #variant, }
    });
    let wires: Vec<&str> = e.values.iter().map(|v| v.wire.as_str()).collect();
    let variant_idents: Vec<_> = e.values.iter().map(|v| format_ident!("{}", v.ident)).collect();
    let validate = (!e.open).then(|| {
        quote! {
            impl Validate for #ident {
                fn check(&self, v: &mut Validator) {
                    if let Self::Unknown(_) = self {
                        v.not_one_of(Self::VALUES);
                    }
                }
            }
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants)*
            /// A value these docs do not list, kept as received.
            Unknown(String),
        }

        impl #ident {
            /// The documented values, as sent on the wire.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variant_idents => #wires,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for #ident {
            fn from(value: &str) -> Self {
                match value {
                    #(#wires => Self::#variant_idents,)*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        crate::runtime::string_enum!(#ident);
        #validate
    }
}

//! `types.rs` of a service: its patterns, structs and enums.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Part, docs, fields, part};
use crate::ir::{Enum, Format, Service, Struct, Type, TypeDef};

pub fn types_file(service: &Service) -> Vec<Part<'_>> {
    let header = part(move || {
        let uses = runtime_uses(service);
        quote! {
            //! Types of the service: request bodies, responses and their parts.
            #uses
        }
    });
    let patterns = service.patterns.iter().map(|pattern| {
        part(move || {
            let ident = format_ident!("{}", pattern.ident);
            let regex = &pattern.regex;
            let doc = docs::doc(&[pattern.description.clone().unwrap_or_default(), docs::code(regex)]);
            quote! {
                #doc
                pub(crate) static #ident: Pattern = Pattern::new(#regex);
            }
        })
    });
    let types = service.types.iter().map(|def| match def {
        TypeDef::Struct(s) => part(move || struct_def(s, service)),
        TypeDef::Enum(e) => part(move || enum_def(e)),
    });
    std::iter::once(header).chain(patterns).chain(types).collect()
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
    if structs().any(|s| s.fields.iter().any(|f| f.ty == Type::File)) {
        names.push(quote!(FilePart));
    }
    let formats = || structs().flat_map(|s| &s.fields).filter_map(|f| f.format);
    if formats().any(|format| format != Format::Json) {
        names.push(quote!(Timestamp));
        names.push(quote!(TimestampError));
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
    let mut paragraphs: Vec<String> = s.description.iter().map(|d| docs::escape(d)).collect();
    if s.form {
        paragraphs.push("Sent as `multipart/form-data`, one part per field.".into());
    }
    let doc = docs::doc(&paragraphs);
    // A form is sent part by part, never as JSON.
    let fields = s.fields.iter().map(|f| fields::declaration(f, service, !s.form));
    let default = s.fields.iter().all(fields::has_default).then(|| quote!(Default,));
    let serde = (!s.form).then(|| quote!(Serialize, Deserialize));
    let validate =
        s.validated.then(|| fields::validate_impl(&ident, s.fields.iter().flat_map(fields::checks).collect()));
    let accessors = format_accessors(&ident, s);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default #serde)]
        pub struct #ident {
            #(#fields)*
        }
        #validate
        #accessors
    }
}

/// Typed readings of fields holding structured text; the raw string stays in the field, so
/// a value the docs did not foresee is never lost.
fn format_accessors(ident: &proc_macro2::Ident, s: &Struct) -> Option<TokenStream> {
    let methods: Vec<TokenStream> = s
        .fields
        .iter()
        .filter_map(|field| {
            let name = format_ident!("{}", field.ident);
            let value = if field.required { quote!(Some(self.#name.as_str())) } else { quote!(self.#name.as_deref()) };
            let (method, doc, ty, parse) = match field.format? {
                Format::Json => (
                    format_ident!("{}_json", field.ident),
                    format!("`{}` parsed as the JSON it holds.", field.wire),
                    quote!(serde_json::Result<serde_json::Value>),
                    quote!(serde_json::from_str),
                ),
                Format::Rfc3339 => (
                    format_ident!("{}_parsed", field.ident),
                    format!("`{}` as a timestamp (RFC 3339, such as `2020-05-20T03:30:52Z`).", field.wire),
                    quote!(Result<Timestamp, TimestampError>),
                    quote!(Timestamp::parse_rfc3339),
                ),
                Format::DateTime => (
                    format_ident!("{}_parsed", field.ident),
                    format!("`{}` as a timestamp (UTC, written `2016-01-02 15:04:05`).", field.wire),
                    quote!(Result<Timestamp, TimestampError>),
                    quote!(Timestamp::parse_datetime),
                ),
            };
            let doc = docs::doc(&[doc, "`None` when the field is absent.".into()]);
            Some(quote! {
                #doc
                pub fn #method(&self) -> Option<#ty> {
                    #value.map(#parse)
                }
            })
        })
        .collect();
    (!methods.is_empty()).then(|| {
        quote! {
            impl #ident {
                #(#methods)*
            }
        }
    })
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

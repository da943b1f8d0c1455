//! `types.rs` of a service: its patterns, structs and enums.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Part, docs, fields, part};
use crate::ir::{Enum, Format, Service, Struct, TypeDef};

pub fn types_file(service: &Service) -> Vec<Part<'_>> {
    let header = part(move || {
        let runtime = super::uses_runtime(types_use_runtime(service));
        quote! {
            //! Types of the service: request bodies, responses and their parts.
            #runtime
        }
    });
    let patterns = service.patterns.iter().filter(|pattern| pattern.checked).map(|pattern| {
        part(move || {
            let ident = format_ident!("{}", pattern.ident);
            let regex = &pattern.regex;
            let description = pattern.description.as_deref().map(docs::escape).unwrap_or_default();
            let doc = docs::doc(&[description, docs::code(regex)]);
            quote! {
                #doc
                pub(crate) static #ident: runtime::Pattern = runtime::Pattern::new(#regex);
            }
        })
    });
    let types = service.types.iter().map(|def| match def {
        TypeDef::Struct(s) => part(move || struct_def(s, service)),
        TypeDef::Enum(e) => part(move || enum_def(e)),
    });
    std::iter::once(header).chain(patterns).chain(types).collect()
}

/// Whether anything in the file names the runtime: a pattern, an enum (their conversions are
/// the runtime's macro), or a struct (serde's derives reach serde through the runtime, and a
/// form has a `Validate` impl, being sent).
fn types_use_runtime(service: &Service) -> bool {
    service.patterns.iter().any(|pattern| pattern.checked) || !service.types.is_empty()
}

fn struct_def(s: &Struct, service: &Service) -> TokenStream {
    let ident = format_ident!("{}", s.ident);
    let mut paragraphs = vec![docs::described(s.description.as_deref())];
    if s.form {
        paragraphs.push("Sent as `multipart/form-data`, one part per field.".into());
    }
    let doc = docs::doc(&paragraphs);
    // A form is sent part by part, never as JSON.
    let fields = s.fields.iter().map(|f| fields::declaration(f, service, !s.form));
    let default = s.fields.iter().all(fields::has_default).then(|| quote!(Default,));
    // A form is sent part by part, never as JSON; otherwise what is sent serializes and what
    // is received deserializes. The crate's `serde-all` feature adds the other direction, for
    // applications that write responses back out or read requests from files.
    let (sent, received) = (!s.form && s.usage.sent, !s.form && s.usage.received);
    // Serde is reached through the runtime, so a build script's consumer needs no serde of its
    // own; `crate` tells the derives where.
    let serialize = sent.then(|| quote!(runtime::serde::Serialize,));
    let deserialize = received.then(|| quote!(runtime::serde::Deserialize,));
    let other_way = match (sent, received) {
        (true, false) => Some(quote!(runtime::serde::Deserialize)),
        (false, true) => Some(quote!(runtime::serde::Serialize)),
        _ => None,
    };
    let serde_all = other_way.map(|derive| quote!(#[cfg_attr(feature = "serde-all", derive(#derive))]));
    let serde_crate = (sent || received).then(|| quote!(#[serde(crate = "runtime::serde")]));
    // Every sent struct implements `Validate`, if with nothing to check, so a rule the docs
    // drop never removes an impl a caller may use.
    let validate = (s.validated || s.usage.sent).then(|| {
        fields::validate_impl(&ident, s.fields.iter().flat_map(|field| fields::checks(field, service)).collect())
    });
    let constructor = fields::constructor(&ident, &s.fields.iter().collect::<Vec<_>>(), service);
    let accessors = format_accessors(&ident, s);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default #serialize #deserialize)]
        #serde_all
        #serde_crate
        #[non_exhaustive]
        pub struct #ident {
            #(#fields)*
        }
        #constructor
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
            let accessor = field.format.as_ref()?;
            let name = format_ident!("{}", field.ident);
            let method = format_ident!("{}", accessor.method);
            let value = if field.required { quote!(Some(self.#name.as_str())) } else { quote!(self.#name.as_deref()) };
            let wire = docs::code(&field.wire);
            let timestamp = quote!(::std::result::Result<runtime::Timestamp, runtime::TimestampError>);
            let (doc, ty, parse) = match accessor.format {
                Format::Json => (
                    format!("{wire} parsed as the JSON it holds."),
                    quote!(runtime::serde_json::Result<runtime::serde_json::Value>),
                    quote!(runtime::serde_json::from_str),
                ),
                Format::Rfc3339 => (
                    format!("{wire} as a timestamp (RFC 3339, such as `2020-05-20T03:30:52Z`)."),
                    timestamp,
                    quote!(runtime::Timestamp::parse_rfc3339),
                ),
                Format::DateTime => (
                    format!("{wire} as a timestamp (UTC, written `2016-01-02 15:04:05`)."),
                    timestamp,
                    quote!(runtime::Timestamp::parse_datetime),
                ),
            };
            let doc = docs::doc(&[doc, "`None` when the field is absent.".into()]);
            Some(quote! {
                #doc
                pub fn #method(&self) -> ::std::option::Option<#ty> {
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
    paragraphs.push(
        "A value a later version of the docs lists becomes a variant of its own, so match the variants you \
         handle and end with a wildcard arm (`_ =>` or `other =>`, reading `other.as_str()`): never match \
         `Unknown` itself, which an upgrade would silently stop reaching. Parse text with `from`, which \
         keeps an unknown value, or `try_parse`, which refuses it."
            .to_string(),
    );
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
    // The validator names the documented values as text, whatever their type.
    let listed = if e.integer { quote!(Self::LISTED) } else { quote!(Self::VALUES) };
    // Every sent enum implements `Validate` (an open one accepts anything), so opening an enum
    // never removes an impl a caller may use.
    let validate = e.usage.sent.then(|| {
        if e.open {
            return fields::validate_impl(&ident, Vec::new());
        }
        fields::validate_impl(
            &ident,
            vec![quote! {
                if let Self::Unknown(_) = self {
                    v.not_one_of(#listed);
                }
            }],
        )
    });
    let conversions =
        if e.integer { integer_conversions(&ident, e) } else { string_conversions(&ident, &wires, &variant_idents) };
    let unknown =
        if e.integer { quote!(runtime::UnknownVariantValue<i64>) } else { quote!(runtime::UnknownVariantValue) };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants)*
            /// A value these docs do not list, kept as received and sent back unchanged.
            /// Opaque: read it with `as_str`, and do not match on it (see the enum's docs).
            Unknown(#unknown),
        }

        #conversions
        #validate
    }
}

/// `VALUES`, `as_str` and `From<&str>` of an enum whose values are strings.
fn string_conversions(ident: &proc_macro2::Ident, wires: &[&str], variants: &[proc_macro2::Ident]) -> TokenStream {
    quote! {
        impl #ident {
            /// The documented values, as sent on the wire.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wires,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl ::std::convert::From<&str> for #ident {
            fn from(value: &str) -> Self {
                match value {
                    #(#wires => Self::#variants,)*
                    other => Self::Unknown(runtime::UnknownVariantValue::from_wire(other.to_string())),
                }
            }
        }

        runtime::string_enum!(#ident);
    }
}

/// `VALUES`, `as_i64` and `From<i64>` of an enum whose values are numbers (lowering checked
/// that each one is an `i64`).
fn integer_conversions(ident: &proc_macro2::Ident, e: &Enum) -> TokenStream {
    let numbers: Vec<i64> = e.values.iter().filter_map(|v| v.wire.parse().ok()).collect();
    let literals: Vec<TokenStream> = numbers
        .iter()
        .map(|n| {
            let literal = proc_macro2::Literal::u64_unsuffixed(n.unsigned_abs());
            if *n < 0 { quote!(-#literal) } else { quote!(#literal) }
        })
        .collect();
    let texts: Vec<String> = numbers.iter().map(i64::to_string).collect();
    let variants: Vec<_> = e.values.iter().map(|v| format_ident!("{}", v.ident)).collect();
    let listed = (!e.open && e.usage.sent).then(|| {
        quote! {
            /// The same, as text, for validation messages.
            const LISTED: &'static [&'static str] = &[#(#texts),*];
        }
    });
    quote! {
        impl #ident {
            /// The documented values, as sent on the wire.
            pub const VALUES: &'static [i64] = &[#(#literals),*];
            #listed

            /// The value as sent on the wire.
            pub fn as_i64(&self) -> i64 {
                match self {
                    #(Self::#variants => #literals,)*
                    Self::Unknown(value) => *value.value(),
                }
            }
        }

        impl ::std::convert::From<i64> for #ident {
            fn from(value: i64) -> Self {
                match value {
                    #(#literals => Self::#variants,)*
                    other => Self::Unknown(runtime::UnknownVariantValue::from_wire(other)),
                }
            }
        }

        runtime::int_enum!(#ident);
    }
}

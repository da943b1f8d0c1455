//! Struct fields: their Rust types, serde attributes and validation calls. Shared by models
//! and request types, which hold the same kind of documented field.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use crate::ir::{Body, Bounds, Field, Number, Service, Type};

pub fn rust_type(ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote!(String),
        Type::I32 => quote!(i32),
        Type::I64 => quote!(i64),
        Type::Bool => quote!(bool),
        Type::F32 => quote!(f32),
        Type::F64 => quote!(f64),
        Type::Json => quote!(serde_json::Value),
        Type::File => quote!(FilePart),
        Type::Array(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        // Ordered, so serializing a map is deterministic.
        Type::Map(inner) => {
            let inner = rust_type(inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        Type::Struct { ident, .. } | Type::Enum { ident, .. } => {
            let ident = format_ident!("{}", ident);
            quote!(#ident)
        }
    }
}

/// The request's `body` field, which a request type and a call both hold like a parameter.
pub fn body_field(body: &Body) -> Field {
    Field {
        wire: "body".into(),
        ident: "body".into(),
        ty: body.ty.clone(),
        required: true,
        description: Some(body.description.clone().unwrap_or_else(|| "The request body.".into())),
        rules: Default::default(),
        sensitive: false,
        default: None,
        format: None,
    }
}

/// The field's declared type: wrapped in `Sensitive` and `Option` as the spec says.
pub fn field_type(field: &Field) -> TokenStream {
    let mut ty = rust_type(&field.ty);
    if field.sensitive {
        ty = quote!(Sensitive<#ty>);
    }
    if field.required { ty } else { quote!(Option<#ty>) }
}

/// A field declaration with its doc comment and serde attributes.
pub fn declaration(field: &Field, service: &Service, serde: bool) -> TokenStream {
    let doc = docs::doc(&docs::field_doc(field, service));
    let ident = format_ident!("{}", field.ident);
    let ty = field_type(field);
    let mut serde_args = Vec::new();
    if serde && field.ident != field.wire {
        let wire = &field.wire;
        serde_args.push(quote!(rename = #wire));
    }
    if serde && !field.required {
        serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    let serde_attr = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    quote! {
        #doc
        #serde_attr
        pub #ident: #ty,
    }
}

/// Whether a type is Default-constructible without a choice the spec does not make.
pub fn has_default(field: &Field) -> bool {
    !field.required || !matches!(field.ty, Type::Enum { .. } | Type::Struct { .. } | Type::File)
}

/// The `v.rule(...)` calls that check this field, in a fixed order: pattern, length, range,
/// items, then nested values.
pub fn checks(field: &Field) -> Vec<TokenStream> {
    let name = &field.wire;
    let ident = format_ident!("{}", field.ident);
    let access = Access { ident: &ident, required: field.required, sensitive: field.sensitive };
    let mut calls = Vec::new();
    if let Some(pattern) = &field.rules.pattern {
        let pattern = format_ident!("{}", pattern);
        let value = access.str();
        calls.push(quote!(v.pattern(#name, #value, &#pattern);));
    }
    if let Some(Bounds { min, max }) = field.rules.length {
        let (value, min, max) = (access.str(), usize_bound(min), usize_bound(max));
        calls.push(quote!(v.length(#name, #value, #min, #max);));
    }
    if let Some(Bounds { min, max }) = field.rules.range {
        let (value, min, max) = (access.copied(), number_bound(min), number_bound(max));
        calls.push(quote!(v.range(#name, #value, #min, #max);));
    }
    if let Some(Bounds { min, max }) = field.rules.items {
        let (value, min, max) = (access.slice(), usize_bound(min), usize_bound(max));
        calls.push(quote!(v.items(#name, #value, #min, #max);));
    }
    match &field.ty {
        ty if checked(ty) => {
            let value = access.reference();
            calls.push(quote!(v.nested(#name, #value);));
        }
        Type::Array(inner) if checked(inner) => {
            let value = access.slice();
            calls.push(quote!(v.each(#name, #value);));
        }
        _ => {}
    }
    calls
}

/// Whether values of this type have a `Validate` impl to call.
fn checked(ty: &Type) -> bool {
    matches!(ty, Type::Struct { validated: true, .. } | Type::Enum { open: false, .. })
}

/// How a check reads the field: `Option<&str>`, `Option<N>`, `Option<&[T]>` or `Option<&T>`
/// whatever the field's optionality and sensitivity.
struct Access<'a> {
    ident: &'a proc_macro2::Ident,
    required: bool,
    sensitive: bool,
}

impl Access<'_> {
    fn str(&self) -> TokenStream {
        let ident = self.ident;
        match (self.required, self.sensitive) {
            (true, false) => quote!(Some(self.#ident.as_str())),
            (false, false) => quote!(self.#ident.as_deref()),
            (true, true) => quote!(Some(self.#ident.expose().as_str())),
            (false, true) => quote!(self.#ident.as_ref().map(|value| value.expose().as_str())),
        }
    }

    fn copied(&self) -> TokenStream {
        let ident = self.ident;
        if self.required { quote!(Some(self.#ident)) } else { quote!(self.#ident) }
    }

    fn slice(&self) -> TokenStream {
        let ident = self.ident;
        if self.required { quote!(Some(self.#ident.as_slice())) } else { quote!(self.#ident.as_deref()) }
    }

    fn reference(&self) -> TokenStream {
        let ident = self.ident;
        if self.required { quote!(Some(&self.#ident)) } else { quote!(self.#ident.as_ref()) }
    }
}

fn usize_bound(bound: Option<u64>) -> TokenStream {
    match bound {
        Some(n) => {
            let n = Literal::u64_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    }
}

fn number_bound(bound: Option<Number>) -> TokenStream {
    match bound {
        Some(Number::Int(n)) => {
            let n = Literal::i64_unsuffixed(n);
            quote!(Some(#n))
        }
        Some(Number::Float(n)) => {
            let n = Literal::f64_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    }
}

/// `impl Validate` listing the checks; `None` when nothing needs checking.
pub fn validate_impl(ident: &proc_macro2::Ident, checks: Vec<TokenStream>) -> TokenStream {
    let v = if checks.is_empty() { quote!(_v) } else { quote!(v) };
    quote! {
        impl Validate for #ident {
            fn check(&self, #v: &mut Validator) {
                #(#checks)*
            }
        }
    }
}

//! Struct fields: their Rust types, serde attributes and validation calls. Shared by models
//! and request types, which hold the same kind of documented field.
//!
//! Std items are written by absolute path (`::std::string::String`) and runtime items through
//! the file's `runtime` module (`runtime::Sensitive`), so a spec type named `String`, `Option`
//! or `Validate` shadows nothing the emitted code means.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use crate::ir::{Body, Bounds, Field, Number, Service, Type};

pub fn rust_type(ty: &Type, service: &Service) -> TokenStream {
    type_path(ty, service, None)
}

/// The same, with the service's own types reached through the service module
/// (`super::Notebook`): for the builders, whose names are free to equal a type's.
pub fn qualified_type(ty: &Type, service: &Service) -> TokenStream {
    type_path(ty, service, Some(&quote!(super::)))
}

fn type_path(ty: &Type, service: &Service, module: Option<&TokenStream>) -> TokenStream {
    match ty {
        Type::String => quote!(::std::string::String),
        Type::I32 => quote!(i32),
        Type::I64 => quote!(i64),
        Type::Bool => quote!(bool),
        Type::F32 => quote!(f32),
        Type::F64 => quote!(f64),
        Type::Json => quote!(runtime::serde_json::Value),
        Type::File => quote!(runtime::FilePart),
        Type::Array(inner) => {
            let inner = type_path(inner, service, module);
            quote!(::std::vec::Vec<#inner>)
        }
        // Ordered, so serializing a map is deterministic.
        Type::Map(inner) => {
            let inner = type_path(inner, service, module);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        Type::Named(id) => {
            let ident = format_ident!("{}", service.type_def(*id).ident());
            quote!(#module #ident)
        }
    }
}

/// The request's `body` field, which a request type and a call both hold like a parameter
/// (lowering keeps `body` free among the parameters' names).
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
        provenance: Default::default(),
    }
}

/// The field's declared type: wrapped in `Sensitive` and `Option` as the spec says.
pub fn field_type(field: &Field, service: &Service) -> TokenStream {
    let ty = stored_type(field, rust_type(&field.ty, service));
    if field.required { ty } else { quote!(::std::option::Option<#ty>) }
}

/// What holds a value of the field's Rust type `ty`: `ty`, in `Sensitive` when the spec says so.
pub fn stored_type(field: &Field, ty: TokenStream) -> TokenStream {
    if field.sensitive { quote!(runtime::Sensitive<#ty>) } else { ty }
}

/// `value`, of the field's Rust type (in an `Option` when `optional`), as the field stores it:
/// in `Sensitive` when the spec says so.
pub fn stored_value(field: &Field, value: TokenStream, optional: bool) -> TokenStream {
    match (field.sensitive, optional) {
        (false, _) => value,
        (true, false) => quote!(runtime::Sensitive::new(#value)),
        (true, true) => quote!(#value.map(runtime::Sensitive::new)),
    }
}

/// A field declaration with its doc comment and serde attributes.
pub fn declaration(field: &Field, service: &Service, serde: bool) -> TokenStream {
    let doc = docs::doc(&docs::field_doc(field, service));
    let ident = format_ident!("{}", field.ident);
    let ty = field_type(field, service);
    let mut serde_args = Vec::new();
    if serde && field.ident != field.wire {
        let wire = &field.wire;
        serde_args.push(quote!(rename = #wire));
    }
    if serde && !field.required {
        serde_args.push(quote!(skip_serializing_if = "::std::option::Option::is_none"));
    }
    let serde_attr = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    quote! {
        #doc
        #serde_attr
        pub #ident: #ty,
    }
}

/// How a constructor or setter takes a field's value, given the field's Rust type `ty`:
/// strings and enums as anything convertible (`&str`, `String`, a variant), a sensitive
/// string as a plain one. Returns the argument's type and, unless it is stored as it is, the
/// expression turning the argument, named as the field, into the stored value.
pub fn argument(field: &Field, ty: TokenStream, service: &Service) -> (TokenStream, Option<TokenStream>) {
    let name = format_ident!("{}", field.ident);
    let into = quote!(impl ::std::convert::Into<#ty>);
    // Lowering allows `sensitive` on strings only.
    if field.sensitive {
        (into, Some(stored_value(field, quote!(#name.into()), false)))
    } else if takes_into(&field.ty, service) {
        (into, Some(quote!(#name.into())))
    } else {
        (ty, None)
    }
}

/// Strings and enums take anything convertible.
fn takes_into(ty: &Type, service: &Service) -> bool {
    match ty {
        Type::String => true,
        Type::Named(id) => matches!(service.type_def(*id), crate::ir::TypeDef::Enum(_)),
        _ => false,
    }
}

/// `new`, taking the required fields in spec order and leaving the optional ones `None`, for a
/// struct with required fields. Generated structs are `#[non_exhaustive]`, so that a field the
/// docs add is an additive change in Rust too; this (or `Default`, when every field has one)
/// is how a caller outside the crate makes one.
pub fn constructor(ident: &proc_macro2::Ident, fields: &[&Field], service: &Service) -> Option<TokenStream> {
    let required: Vec<&Field> = fields.iter().copied().filter(|f| f.required).collect();
    if required.is_empty() {
        return None;
    }
    let arguments = required.iter().map(|field| {
        let name = format_ident!("{}", field.ident);
        let (ty, _) = argument(field, rust_type(&field.ty, service), service);
        quote!(#name: #ty)
    });
    let values = fields.iter().map(|field| {
        let name = format_ident!("{}", field.ident);
        if field.required {
            match argument(field, rust_type(&field.ty, service), service) {
                (_, Some(value)) => quote!(#name: #value,),
                (_, None) => quote!(#name,),
            }
        } else {
            quote!(#name: None,)
        }
    });
    let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.ident)).collect();
    let doc = docs::doc(&[format!(
        "A value with its required fields ({}); the optional ones are `None`, to set on the public fields.",
        names.join(", ")
    )]);
    // Required fields are few; a spec may still list many.
    let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    Some(quote! {
        impl #ident {
            #doc
            #many
            pub fn new(#(#arguments),*) -> Self {
                Self { #(#values)* }
            }
        }
    })
}

/// Whether a type is Default-constructible without a choice the spec does not make.
pub fn has_default(field: &Field) -> bool {
    !field.required || !matches!(field.ty, Type::Named(_) | Type::File)
}

/// The `v.rule(...)` calls that check this field, in a fixed order: pattern, length, range,
/// items, then nested values.
pub fn checks(field: &Field, service: &Service) -> Vec<TokenStream> {
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
    let checked = |ty: &Type| matches!(ty, Type::Named(id) if service.type_def(*id).is_validated());
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

/// A bound as a literal of the field's type. Lowering admits finite bounds only (the literal
/// constructor panics on others); a negative one is written as a negation, which every
/// parser of the output reads as an expression.
fn number_bound(bound: Option<Number>) -> TokenStream {
    let Some(bound) = bound else { return quote!(None) };
    let (negative, literal) = match bound {
        Number::Int(n) => (n < 0, Literal::u64_unsuffixed(n.unsigned_abs())),
        Number::Float(n) => (n.is_sign_negative(), Literal::f64_unsuffixed(n.abs())),
    };
    if negative { quote!(Some(-#literal)) } else { quote!(Some(#literal)) }
}

/// `impl Validate` listing the checks.
pub fn validate_impl(ident: &proc_macro2::Ident, checks: Vec<TokenStream>) -> TokenStream {
    let v = if checks.is_empty() { quote!(_v) } else { quote!(v) };
    quote! {
        impl runtime::Validate for #ident {
            fn check(&self, #v: &mut runtime::Validator) {
                #(#checks)*
            }
        }
    }
}

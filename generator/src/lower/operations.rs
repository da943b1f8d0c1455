//! Operations: path templates, parameters, bodies, responses and paging hints.

use std::collections::BTreeSet;

use heck::ToUpperCamelCase;

use super::Cx;
use super::names::{self, Claim, Namespace};
use super::types::{Scope, field_idents, lower_field};
use super::waiters;
use crate::ir::{
    Body, ClientDefault, Field, Method, Operation, PageWires, Pagination, Param, ParamIn, PathPart, Response,
    ResponseHeaders, Struct, Type, TypeDef,
};
use crate::load::{BodySpec, OperationSpec, PaginationSpec, ResponseSpec, Spanned};

pub(super) fn lower_operations(
    cx: &mut Cx,
    scope: &mut Scope,
    specs: &[OperationSpec],
    types: &[TypeDef],
) -> Vec<Operation> {
    // The client's methods: one per operation, beside the ones every client has.
    let mut methods = Namespace::reserving(names::CLIENT_METHODS.iter().copied(), |name| format!("`Client::{name}`"));
    // The `builders` module: one per operation, named after it.
    let mut builders = Namespace::default();
    let mut operations: Vec<Operation> = specs
        .iter()
        .filter_map(|spec| {
            let path = format!("operations[{}]", spec.id.value);
            if names::field_ident(&spec.id) != spec.id.value || !names::is_valid_ident(&spec.id) {
                cx.error(
                    spec.id.loc,
                    format!("{path}.id"),
                    format!("expected a snake_case operation id, found {:?}", spec.id.value),
                );
                return None;
            }
            let claim = Claim { what: format!("operation {:?}", spec.id.value), loc: Some(spec.id.loc) };
            if let Err(other) = methods.claim(&spec.id, claim) {
                let message = match other.loc {
                    Some(_) => format!("expected a unique operation id, found {:?} twice", spec.id.value),
                    None => format!(
                        "expected an operation id that is not a method every client has, found {:?}, like {other}",
                        spec.id.value
                    ),
                };
                cx.error(spec.id.loc, format!("{path}.id"), message);
                return None;
            }
            let builder = names::builder_ident(&spec.id.value.to_upper_camel_case());
            let claim = Claim { what: format!("the builder of operation {:?}", spec.id.value), loc: Some(spec.id.loc) };
            if let Err(other) = builders.claim(&builder, claim) {
                let message =
                    format!("expected an id distinct after case conversion, found {:?}, whose builder `{builder}` is also {other}", spec.id.value);
                cx.error(spec.id.loc, format!("{path}.id"), message);
                return None;
            }
            lower_operation(cx, scope, spec, &path, types)
        })
        .collect();
    waiters::link_starts(cx, specs, &mut operations, types);
    operations
}

fn lower_operation(
    cx: &mut Cx,
    scope: &mut Scope,
    spec: &OperationSpec,
    path: &str,
    types: &[TypeDef],
) -> Option<Operation> {
    let errors_before = cx.errors();
    cx.review(&spec.review, path);
    let type_prefix = spec.id.value.to_upper_camel_case();
    let (request_ident, builder_ident) = (names::request_ident(&type_prefix), names::builder_ident(&type_prefix));
    // The request type takes a name in the same namespace as the spec's types.
    let what = format!("the request type of operation {:?}", spec.id.value);
    scope.claim_type(cx, &request_ident, &spec.id, what, &format!("{path}.id"));

    let method = Method::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(&spec.method));
    if method.is_none() {
        let all: Vec<&str> = Method::ALL.iter().map(|m| m.as_str()).collect();
        cx.error(
            spec.method.loc,
            format!("{path}.method"),
            format!("expected one of {}, found {:?}", all.join(", "), spec.method.value),
        );
    }

    let params = lower_params(cx, scope, spec, path, types);
    let path_parts = parse_path(cx, &spec.path, &params, path);
    let body = spec.body.as_ref().and_then(|body| lower_body(cx, scope, body, &format!("{path}.body"), true));
    if body.is_some() && params.iter().any(|p| p.field.ident == "body") {
        cx.error(
            spec.id.loc,
            format!("{path}.parameters[body]"),
            "expected no parameter named `body` when the operation has a body, found one",
        );
    }
    let responses = lower_responses(cx, scope, &spec.responses, path, types);
    let headers = response_headers(cx, scope, spec, &responses, &type_prefix, path);
    for example in spec.example_request.iter() {
        check_json(cx, example, &format!("{path}.example_request"));
    }
    let pagination = spec.pagination.as_ref().and_then(|p| lower_pagination(cx, p, &params, &responses, types, path));
    let waiter = spec.waiter.as_ref().and_then(|w| waiters::lower_waiter(cx, w, &params, &responses, types, path));
    if let Some(digest) = spec.page_text.as_ref().filter(|d| !is_digest(&d.value)) {
        let message = format!("expected 16 lowercase hex digits, as `drift` prints them, found {:?}", digest.value);
        cx.error(digest.loc, format!("{path}.page_text"), message);
    }

    if cx.errors() > errors_before {
        return None;
    }
    Some(Operation {
        id: spec.id.value.clone(),
        request_ident,
        builder_ident,
        summary: spec.summary.clone(),
        description: spec.description.clone(),
        method: method?,
        path_template: spec.path.value.clone(),
        path: path_parts?,
        params,
        body,
        responses,
        headers,
        pagination,
        waiter,
        // Linked once every operation is lowered (`waiters::link_starts`).
        starts: None,
        source: spec.source.clone(),
        example_requests: spec.example_request.iter().map(|e| e.value.clone()).collect(),
        page_text: spec.page_text.as_ref().map(|d| d.value.clone()),
    })
}

fn is_digest(text: &str) -> bool {
    text.len() == 16 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn lower_params(cx: &mut Cx, scope: &mut Scope, spec: &OperationSpec, path: &str, types: &[TypeDef]) -> Vec<Param> {
    let idents = field_idents(cx, &spec.parameters, &format!("{path}.parameters"));
    // The call's methods: a setter per parameter (and `body`), beside the ones every call has.
    let mut setters = Namespace::reserving(names::CALL_METHODS.iter().copied(), |name| {
        format!("`{name}()`, which every builder has")
    });
    let mut params = Vec::new();
    for (param, ident) in spec.parameters.iter().zip(idents) {
        let field_path = format!("{path}.parameters[{}]", param.name.value);
        let location = match param.location.as_ref().map(|l| l.value.as_str()) {
            Some("path") => ParamIn::Path,
            Some("query") => ParamIn::Query,
            Some("header") => ParamIn::Header,
            other => {
                let loc = param.location.as_ref().map_or(param.name.loc, |l| l.loc);
                cx.error(
                    loc,
                    format!("{field_path}.in"),
                    format!(
                        "expected `in: path`, `in: query` or `in: header`, found {}",
                        other.map_or("nothing".to_string(), |o| format!("{o:?}"))
                    ),
                );
                continue;
            }
        };
        let Some(field) = lower_field(cx, scope, param, ident, &field_path, &spec.id) else { continue };
        let scalar = field.ty.is_scalar(types)
            || (location == ParamIn::Query && matches!(&field.ty, Type::Array(inner) if inner.is_scalar(types)));
        if !scalar {
            cx.error(
                param.type_expr.loc,
                format!("{field_path}.type"),
                format!(
                    "expected a scalar type (or, in the query, an array of scalars) for a parameter, found {}",
                    scope.type_name(&field.ty)
                ),
            );
            continue;
        }
        if location == ParamIn::Path && !param.required {
            cx.error(
                param.name.loc,
                format!("{field_path}.required"),
                "expected `required: true` on a path parameter, found it optional",
            );
            continue;
        }
        let (setter, option_setter) = names::setter_idents(&field.ident);
        let claim =
            || Claim { what: format!("a setter of parameter {:?}", param.name.value), loc: Some(param.name.loc) };
        let mut taken = None;
        for name in [&setter, &option_setter] {
            if let Err(other) = setters.claim(name, claim()) {
                taken.get_or_insert((name, other.to_string()));
            }
        }
        if let Some((name, other)) = taken {
            let message = format!(
                "expected a parameter whose setter `{name}` no other method of the builder has, found it taken by {other}"
            );
            cx.error(param.name.loc, format!("{field_path}.name"), message);
            continue;
        }
        let client_default = (location == ParamIn::Path && field.wire == "project_id" && field.required)
            .then_some(ClientDefault::ProjectId);
        params.push(Param { location, field, setter, option_setter, client_default });
    }
    params
}

/// Splits `/v1/{project_id}/notebooks` into literals and parameters, checking that every
/// placeholder has a path parameter and every path parameter a placeholder.
fn parse_path(cx: &mut Cx, template: &Spanned<String>, params: &[Param], path: &str) -> Option<Vec<PathPart>> {
    let field = format!("{path}.path");
    if !template.starts_with('/') {
        cx.error(template.loc, &field, format!("expected a path starting with `/`, found {:?}", template.value));
        return None;
    }
    let mut parts = Vec::new();
    let mut used = BTreeSet::new();
    let mut rest = template.value.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            cx.error(template.loc, &field, format!("expected `}}` closing the placeholder in {:?}", template.value));
            return None;
        };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_string()));
        }
        let name = &rest[open + 1..close];
        match params.iter().find(|p| p.location == ParamIn::Path && p.field.wire == name) {
            Some(param) => {
                used.insert(param.field.wire.clone());
                parts.push(PathPart::Param(param.field.ident.clone()));
            }
            None => {
                cx.error(
                    template.loc,
                    &field,
                    format!("expected a path parameter named {name:?} (declared with `in: path`), found none"),
                );
                return None;
            }
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_string()));
    }
    for param in params.iter().filter(|p| p.location == ParamIn::Path && !used.contains(&p.field.wire)) {
        cx.error(
            template.loc,
            &field,
            format!(
                "expected a `{{{}}}` placeholder for the path parameter, found none in {:?}",
                param.field.wire, template.value
            ),
        );
    }
    Some(parts)
}

/// A request body (`request`) may be JSON or a multipart form; a response body is JSON.
fn lower_body(cx: &mut Cx, scope: &Scope, body: &BodySpec, field: &str, request: bool) -> Option<Body> {
    let ty = scope.resolve(cx, &body.type_name, &format!("{field}.type"))?;
    let multipart = match body.content_type.as_ref().map(|c| (c.loc, c.value.as_str())) {
        None | Some((_, "application/json")) => false,
        Some((_, "multipart/form-data")) if request => true,
        Some((loc, other)) => {
            let expected = if request { "application/json or multipart/form-data" } else { "application/json" };
            cx.error(loc, format!("{field}.content_type"), format!("expected {expected}, found {other:?}"));
            return None;
        }
    };
    if multipart && !matches!(ty, Type::Named(id) if scope.values_of(id).is_none()) {
        cx.error(
            body.type_name.loc,
            format!("{field}.type"),
            format!("expected a struct for a multipart body (one part per field), found {}", scope.type_name(&ty)),
        );
        return None;
    }
    Some(Body { ty, description: body.description.clone(), multipart })
}

fn lower_responses(
    cx: &mut Cx,
    scope: &mut Scope,
    specs: &[ResponseSpec],
    path: &str,
    types: &[TypeDef],
) -> Vec<Response> {
    let mut statuses = BTreeSet::new();
    let mut responses = Vec::new();
    for spec in specs {
        let field = format!("{path}.responses[{}]", spec.status.value);
        if !(100..=599).contains(&spec.status.value) || !statuses.insert(spec.status.value) {
            cx.error(
                spec.status.loc,
                format!("{field}.status"),
                format!("expected a unique HTTP status code from 100 to 599, found {}", spec.status.value),
            );
            continue;
        }
        let body =
            spec.body.as_ref().and_then(|b| lower_body(cx, scope, b, &format!("{field}.body"), false)).map(|b| b.ty);
        let mut headers = Vec::new();
        let idents = field_idents(cx, &spec.headers, &format!("{field}.headers"));
        for (header, ident) in spec.headers.iter().zip(idents) {
            let header_path = format!("{field}.headers[{}]", header.name.value);
            if let Some(lowered) = lower_field(cx, scope, header, ident, &header_path, "header") {
                if lowered.ty.is_scalar(types) {
                    headers.push(lowered);
                } else {
                    cx.error(
                        header.type_expr.loc,
                        format!("{header_path}.type"),
                        format!("expected a scalar type for a header, found {}", scope.type_name(&lowered.ty)),
                    );
                }
            }
        }
        for example in spec.example.iter() {
            check_json(cx, example, &format!("{field}.example"));
        }
        responses.push(Response {
            status: spec.status.value,
            description: spec.description.clone(),
            body,
            headers,
            examples: spec.example.iter().map(|e| e.value.clone()).collect(),
        });
    }
    if !responses.iter().any(Response::is_success) {
        let loc = specs.first().map(|s| s.status.loc).unwrap_or_default();
        cx.error(loc, format!("{path}.responses"), "expected at least one 2xx response, found none");
    }
    responses
}

fn check_json(cx: &mut Cx, text: &Spanned<String>, field: &str) {
    if let Err(err) = serde_json::from_str::<serde_json::Value>(text) {
        cx.error(text.loc, field, format!("expected JSON text, found text that does not parse ({err})"));
    }
}

/// The headers the 2xx responses document besides `X-Request-Id`, once each (by name in any
/// case), all optional: a service may leave any out. `None` when there are none.
fn response_headers(
    cx: &mut Cx,
    scope: &mut Scope,
    spec: &OperationSpec,
    responses: &[Response],
    type_prefix: &str,
    path: &str,
) -> Option<ResponseHeaders> {
    let mut seen = BTreeSet::from(["x-request-id".to_string()]);
    let fields: Vec<Field> = responses
        .iter()
        .filter(|r| r.is_success())
        .flat_map(|r| &r.headers)
        .filter(|h| seen.insert(h.wire.to_ascii_lowercase()))
        .map(|h| Field { required: false, ..h.clone() })
        .collect();
    if fields.is_empty() {
        return None;
    }
    let ident = names::headers_ident(type_prefix);
    let what = format!("the response headers type of operation {:?}", spec.id.value);
    scope.claim_type(cx, &ident, &spec.id, what, &format!("{path}.id"));
    Some(ResponseHeaders { ident, fields })
}

/// Paging needs integer offset and limit query parameters and, in the 2xx body, an array of
/// items and an integer total.
fn lower_pagination(
    cx: &mut Cx,
    spec: &PaginationSpec,
    params: &[Param],
    responses: &[Response],
    types: &[TypeDef],
    path: &str,
) -> Option<Pagination> {
    let field = format!("{path}.pagination");
    // The runtime pages through any integer type, required or not (`PageParameter`).
    let mut query_int = |name: &Spanned<String>, key: &str| -> Option<String> {
        let found = params.iter().find(|p| p.location == ParamIn::Query && p.field.wire == name.value);
        match found {
            Some(p) if matches!(p.field.ty, Type::I32 | Type::I64) => Some(p.field.ident.clone()),
            _ => {
                cx.error(
                    name.loc,
                    format!("{field}.{key}"),
                    format!("expected an Integer or Long query parameter, found {:?} is not one", name.value),
                );
                None
            }
        }
    };
    let offset = query_int(&spec.offset, "offset");
    let limit = query_int(&spec.limit, "limit");
    let body = required_output_struct(cx, responses, types, &spec.items, format!("{field}.items"))?;
    let items = body.fields.iter().find(|f| f.wire == spec.items.value);
    let item_type = match items.map(|f| &f.ty) {
        Some(Type::Array(inner)) => Some((**inner).clone()),
        _ => {
            cx.error(
                spec.items.loc,
                format!("{field}.items"),
                format!("expected an array field of `{}`, found {:?} is not one", body.ident, spec.items.value),
            );
            None
        }
    };
    let total = body.fields.iter().find(|f| f.wire == spec.total.value && matches!(f.ty, Type::I32 | Type::I64));
    if total.is_none() {
        cx.error(
            spec.total.loc,
            format!("{field}.total"),
            format!("expected an Integer or Long field of `{}`, found {:?} is not one", body.ident, spec.total.value),
        );
    }
    let (offset_param, limit_param) = (offset?, limit?);
    let (items, total) = (items?, total?);
    Some(Pagination {
        offset_param,
        limit_param,
        items_field: items.ident.clone(),
        total_field: total.ident.clone(),
        item_type: item_type?,
        total_type: total.ty.clone(),
        items_required: items.required,
        total_required: total.required,
        wires: PageWires {
            offset: spec.offset.value.clone(),
            limit: spec.limit.value.clone(),
            items: items.wire.clone(),
            total: total.wire.clone(),
        },
    })
}

/// [`output_struct`], or an error at `at` (a field of it the spec names) when there is none.
pub(super) fn required_output_struct<'a>(
    cx: &mut Cx,
    responses: &[Response],
    types: &'a [TypeDef],
    at: &Spanned<String>,
    field: String,
) -> Option<&'a Struct> {
    let body = output_struct(responses, types);
    if body.is_none() {
        cx.error(at.loc, field, "expected a 2xx response whose body is a struct, found none");
    }
    body
}

/// The struct of the first 2xx response that has one: what paging and waiters read.
pub(super) fn output_struct<'a>(responses: &[Response], types: &'a [TypeDef]) -> Option<&'a Struct> {
    responses.iter().filter(|r| r.is_success()).find_map(|r| match r.body.as_ref()? {
        Type::Named(id) => match types.get(id.0)? {
            TypeDef::Struct(s) => Some(s),
            TypeDef::Enum(_) => None,
        },
        _ => None,
    })
}

//! Waiters: which field of a polling operation's 2xx body holds a job's state and what each
//! state means, and how an operation that starts a job fills in the polling request.

use std::collections::BTreeSet;

use super::Cx;
use super::names;
use super::operations::{output_struct, required_output_struct};
use crate::ir::{Argument, Field, Operation, OutputField, Param, Response, Starts, Type, TypeDef, Waiter};
use crate::load::{OperationSpec, Spanned, StartsSpec, WaiterSpec};

/// The waiter's method is named after it (`wait_until_finished`); the name must be snake_case.
pub(super) fn lower_waiter(
    cx: &mut Cx,
    spec: &WaiterSpec,
    params: &[Param],
    responses: &[Response],
    types: &[TypeDef],
    path: &str,
) -> Option<Waiter> {
    let field = format!("{path}.waiter");
    let errors_before = cx.errors();
    if names::field_ident(&spec.name) != spec.name.value || !names::is_valid_ident(&spec.name) {
        let message = format!("expected a snake_case waiter name, found {:?}", spec.name.value);
        cx.error(spec.name.loc, format!("{field}.name"), message);
    }
    let method = format!("wait_until_{}", spec.name.value);
    check_method_free(cx, &method, params, &spec.name, &format!("{field}.name"));
    let body = required_output_struct(cx, responses, types, &spec.state, format!("{field}.state"))?;
    let state = body.fields.iter().find(|f| f.wire == spec.state.value);
    let (state, values, state_is_enum) = match state.map(|f| (f, &f.ty)) {
        Some((f, Type::String)) => (Some(f), None, false),
        Some((f, Type::Named(id))) => match types.get(id.0) {
            Some(TypeDef::Enum(e)) if !e.integer => {
                (Some(f), Some(e.values.iter().map(|v| v.wire.as_str()).collect::<Vec<_>>()), true)
            }
            _ => (None, None, false),
        },
        _ => (None, None, false),
    };
    if state.is_none() {
        let message = format!(
            "expected a String or string enum field of `{}`, found {:?} is not one",
            body.ident, spec.state.value
        );
        cx.error(spec.state.loc, format!("{field}.state"), message);
    }
    let mut classified = BTreeSet::new();
    let lists =
        [("success", &spec.success.value[..]), ("failure", &spec.failure[..]), ("pending", &spec.pending.value[..])];
    for (key, list) in lists {
        for value in list {
            if !classified.insert(value.value.as_str()) {
                let message = format!("expected each state in one list, found {:?} again", value.value);
                cx.error(value.loc, format!("{field}.{key}"), message);
            } else if let Some(values) = values.as_ref().filter(|values| !values.contains(&value.value.as_str())) {
                let message = format!(
                    "expected a value of the state field's enum ({}), found {:?}",
                    values.join(", "),
                    value.value
                );
                cx.error(value.loc, format!("{field}.{key}"), message);
            }
        }
    }
    for (key, list) in [("success", &spec.success), ("pending", &spec.pending)] {
        if list.value.is_empty() {
            cx.error(list.loc, format!("{field}.{key}"), "expected at least one state, found none");
        }
    }
    for value in values.iter().flatten().filter(|value| !classified.contains(*value)) {
        let message = format!(
            "expected every state the enum lists in success, failure or pending, found {value:?} in none: the waiter will stop with an unknown-state error on it"
        );
        cx.warn(spec.state.loc, format!("{field}.state"), message);
    }
    let mut string_field = |name: &Option<Spanned<String>>, key: &str| -> Option<OutputField> {
        let name = name.as_ref()?;
        let found = body.fields.iter().find(|f| f.wire == name.value && f.ty == Type::String);
        if found.is_none() {
            let message = format!("expected a String field of `{}`, found {:?} is not one", body.ident, name.value);
            cx.error(name.loc, format!("{field}.{key}"), message);
        }
        found.map(output_field)
    };
    let reason = string_field(&spec.reason, "reason");
    let error_code = string_field(&spec.error_code, "error_code");
    for (key, seconds) in [("delay_seconds", &spec.delay_seconds), ("max_wait_seconds", &spec.max_wait_seconds)] {
        if seconds.value == 0 {
            cx.error(seconds.loc, format!("{field}.{key}"), "expected a number of seconds above 0, found 0");
        }
    }
    if spec.delay_seconds.value > spec.max_wait_seconds.value {
        let message = format!(
            "expected a delay no longer than the maximum wait ({} s), found {} s",
            spec.max_wait_seconds.value, spec.delay_seconds.value
        );
        cx.error(spec.delay_seconds.loc, format!("{field}.delay_seconds"), message);
    }
    if cx.errors() > errors_before {
        return None;
    }
    let strings = |list: &[Spanned<String>]| list.iter().map(|v| v.value.clone()).collect();
    Some(Waiter {
        name: spec.name.value.clone(),
        method,
        state: output_field(state?),
        state_is_enum,
        success: strings(&spec.success.value),
        failure: strings(&spec.failure),
        pending: strings(&spec.pending.value),
        reason,
        error_code,
        delay_seconds: spec.delay_seconds.value,
        max_wait_seconds: spec.max_wait_seconds.value,
    })
}

/// Links each operation's `starts` to the polling operation's waiter, once every operation is
/// lowered: the polling request's fields come from the starting request's parameter of the
/// same name or from the field of its 2xx body that `from_output` names, typed alike.
pub(super) fn link_starts(cx: &mut Cx, specs: &[OperationSpec], operations: &mut [Operation], types: &[TypeDef]) {
    for spec in specs {
        let Some(starts) = &spec.starts else { continue };
        let path = format!("operations[{}].starts", spec.id.value);
        let Some(index) = operations.iter().position(|op| op.id == spec.id.value) else { continue };
        // A polling operation with errors of its own is not lowered; they are reported already.
        let poll_spec = specs.iter().find(|s| s.id.value == starts.poll.value);
        let poll_failed =
            poll_spec.is_some_and(|s| s.waiter.is_some()) && !operations.iter().any(|op| op.id == starts.poll.value);
        if poll_failed {
            continue;
        }
        if let Some(linked) = lower_starts(cx, starts, &operations[index], operations, types, &path) {
            operations[index].starts = Some(linked);
        }
    }
}

fn lower_starts(
    cx: &mut Cx,
    spec: &StartsSpec,
    op: &Operation,
    operations: &[Operation],
    types: &[TypeDef],
    path: &str,
) -> Option<Starts> {
    let poll = operations.iter().find(|o| o.id == spec.poll.value);
    let Some((poll, waiter)) = poll.and_then(|poll| Some((poll, poll.waiter.as_ref()?))) else {
        let message = format!("expected the id of an operation with a `waiter`, found {:?}", spec.poll.value);
        cx.error(spec.poll.loc, format!("{path}.poll"), message);
        return None;
    };
    let errors_before = cx.errors();
    let method = format!("send_and_{}", waiter.method);
    check_method_free(cx, &method, &op.params, &spec.poll, &format!("{path}.poll"));
    let body = output_struct(&op.responses, types);
    for (name, from) in &spec.from_output {
        if !poll.params.iter().any(|p| &p.field.wire == name) {
            let message = format!("expected a parameter of {:?} as the key, found {name:?}", poll.id);
            cx.error(from.loc, format!("{path}.from_output.{name}"), message);
        }
    }
    let mut arguments = Vec::new();
    for param in &poll.params {
        let wire = &param.field.wire;
        let argument = match spec.from_output.get(wire) {
            Some(from) => {
                let found =
                    body.and_then(|b| b.fields.iter().find(|f| f.wire == from.value && same_kind(f, &param.field)));
                let Some(found) = found else {
                    let message = format!(
                        "expected a field of the 2xx body typed like {}'s parameter {wire:?}, found {:?} is not one",
                        poll.id, from.value
                    );
                    cx.error(from.loc, format!("{path}.from_output.{wire}"), message);
                    continue;
                };
                Argument::Output { field: output_field(found), poll_required: param.field.required }
            }
            None => match op.params.iter().find(|p| &p.field.wire == wire) {
                Some(own) if same_kind(&own.field, &param.field) && (own.field.required || !param.field.required) => {
                    Argument::Parameter {
                        ident: own.field.ident.clone(),
                        own_required: own.field.required,
                        poll_required: param.field.required,
                    }
                }
                _ if !param.field.required => Argument::Unset,
                _ => {
                    let message = format!(
                        "expected {:?}'s required parameter {wire:?} in `from_output`, or a required parameter of the same name and type here, found neither",
                        poll.id
                    );
                    cx.error(spec.poll.loc, format!("{path}.from_output"), message);
                    continue;
                }
            },
        };
        arguments.push((param.field.ident.clone(), argument));
    }
    if cx.errors() > errors_before {
        return None;
    }
    Some(Starts {
        method,
        poll_id: poll.id.clone(),
        poll_request: poll.request_ident.clone(),
        poll_builder: poll.builder_ident.clone(),
        waiter_method: waiter.method.clone(),
        arguments,
    })
}

/// A waiter's method is the builder's: no parameter's setter may have its name.
fn check_method_free(cx: &mut Cx, method: &str, params: &[Param], at: &Spanned<String>, field: &str) {
    if let Some(param) = params.iter().find(|p| p.setter == method || p.option_setter == method) {
        let message = format!(
            "expected a waiter whose method `{method}` no setter has, found it the setter of parameter {:?}",
            param.field.wire
        );
        cx.error(at.loc, field, message);
    }
}

/// Whether a value of one field can fill the other: the same type, both secret or neither.
fn same_kind(from: &Field, to: &Field) -> bool {
    from.ty == to.ty && from.sensitive == to.sensitive
}

fn output_field(field: &Field) -> OutputField {
    OutputField { ident: field.ident.clone(), wire: field.wire.clone(), required: field.required }
}

//! The pages' example bodies against the types they illustrate. A page whose example breaks its
//! own documented rules, carries a field its tables do not list, or has a value of another
//! type is worth a second look; the facts stay as documented, so these are warnings.

use super::Cx;
use super::check::Checker;
use super::types::Scope;
use crate::ir::{Operation, Type, TypeDef};
use crate::load::{Loc, OperationSpec, Spanned};

pub(super) fn check_all(cx: &mut Cx, scope: &Scope, types: &[TypeDef], specs: &[OperationSpec], ops: &[Operation]) {
    for (spec, op) in specs.iter().filter_map(|spec| Some((spec, ops.iter().find(|op| op.id == spec.id.value)?))) {
        if let Some(body) = &op.body {
            for example in spec.example_request.iter() {
                check(cx, scope, types, &body.ty, example, &format!("operations[{}].example_request", op.id));
            }
        }
        for response in &spec.responses {
            let body = op.responses.iter().find(|r| r.status == response.status.value).and_then(|r| r.body.as_ref());
            if let Some(body) = body {
                for example in response.example.iter() {
                    let field = format!("operations[{}].responses[{}].example", op.id, response.status.value);
                    check(cx, scope, types, body, example, &field);
                }
            }
        }
    }
}

fn check(cx: &mut Cx, scope: &Scope, types: &[TypeDef], ty: &Type, example: &Spanned<String>, field: &str) {
    // Text that is not JSON was reported as an error already.
    let Ok(json) = serde_json::from_str::<serde_json::Value>(example) else { return };
    let mut checker = Checker { scope, types, documented_values_only: false, problems: Vec::new() };
    checker.value(ty, &json, "");
    for problem in checker.problems {
        let mut at = if problem.path.is_empty() { "the body".to_string() } else { problem.path.clone() };
        if let Some(value) = &problem.value {
            at = format!("{at} = {value}");
        }
        cx.warn(
            locate(example, &problem.path),
            field,
            format!("expected the example to fit its documented type and rules, found {at}: {}", problem.rule),
        );
    }
}

/// Where in the spec file the example mentions the path's last field: the first `"name"` in
/// the example text (a block scalar's lines start at the example's column). The message names
/// the exact path; this only points the caret.
fn locate(example: &Spanned<String>, path: &str) -> Loc {
    let name = path.rsplit('.').next().unwrap_or_default().split('[').next().unwrap_or_default();
    let needle = format!("\"{name}\"");
    let found = (!name.is_empty())
        .then(|| example.lines().enumerate().find_map(|(row, line)| Some((row, line.find(&needle)?))))
        .flatten();
    match found {
        Some((row, byte)) => {
            let line = example.lines().nth(row).unwrap_or_default();
            let column = line[..byte].chars().count() as u32;
            Loc { line: example.loc.line + row as u32, column: example.loc.column + column }
        }
        None => example.loc,
    }
}

//! The pages' example bodies against the types they illustrate. A page whose example breaks its
//! own documented rules, carries a field its tables do not list, or has a value of another
//! type is worth a second look; the facts stay as documented, so these are warnings.

use serde_json::Value;

use super::Cx;
use super::types::Scope;
use crate::ir::{Field, Number, Operation, Type, TypeDef, find_struct};
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
    let Ok(json) = serde_json::from_str::<Value>(example) else { return };
    let mut problems = Vec::new();
    Walk { scope, types, problems: &mut problems }.value(ty, &json, "");
    for (path, problem) in problems {
        let loc = locate(example, &path);
        cx.warn(
            loc,
            field,
            format!("expected the example to fit its documented type and rules, found {path}: {problem}"),
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

struct Walk<'a> {
    scope: &'a Scope,
    types: &'a [TypeDef],
    problems: &'a mut Vec<(String, String)>,
}

impl Walk<'_> {
    fn value(&mut self, ty: &Type, value: &Value, path: &str) {
        let at = if path.is_empty() { "the body" } else { path };
        let fits = match (ty, value) {
            (_, Value::Null) | (Type::Json, _) => true,
            (Type::String, Value::String(_)) | (Type::Bool, Value::Bool(_)) => true,
            (Type::I32, Value::Number(n)) => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            (Type::I64, Value::Number(n)) => n.is_i64(),
            (Type::F32 | Type::F64, Value::Number(_)) => true,
            (Type::Enum { ident, open }, Value::String(text)) => {
                if !open && !self.scope.values_of(ident).contains(text) {
                    self.problems
                        .push((at.to_string(), format!("{text:?} is not one of the documented values of `{ident}`")));
                }
                true
            }
            (Type::Array(inner), Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    self.value(inner, item, &format!("{path}[{index}]"));
                }
                true
            }
            (Type::Map(inner), Value::Object(entries)) => {
                for (key, item) in entries {
                    self.value(inner, item, &format!("{path}[{key:?}]"));
                }
                true
            }
            (Type::Struct { ident, .. }, Value::Object(entries)) => {
                self.object(ident, entries, path);
                true
            }
            _ => false,
        };
        if !fits {
            self.problems.push((at.to_string(), format!("a {} where the type is {ty}", kind(value))));
        }
    }

    fn object(&mut self, ident: &str, entries: &serde_json::Map<String, Value>, path: &str) {
        let Some(def) = find_struct(self.types, ident) else { return };
        let join = |name: &str| if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
        for (key, value) in entries {
            match def.fields.iter().find(|f| &f.wire == key) {
                Some(field) => {
                    self.rules(field, value, &join(key));
                    self.value(&field.ty, value, &join(key));
                }
                None => self.problems.push((join(key), format!("a field the `{ident}` table does not list"))),
            }
        }
    }

    /// The same rules, with the same wording, as the client's `validate()`.
    fn rules(&mut self, field: &Field, value: &Value, path: &str) {
        let rules = &field.rules;
        if let (Some(ident), Value::String(text)) = (&rules.pattern, value)
            && let Some(regex) = self.scope.regex(ident).filter(|regex| !regex.is_match(text))
        {
            self.problems.push((path.to_string(), format!("{text:?} does not match the pattern {}", regex.as_str())));
        }
        if let (Some(bounds), Value::String(text)) = (rules.length, value) {
            let length = text.chars().count() as u64;
            if outside(length as f64, bounds.min.map(|m| m as f64), bounds.max.map(|m| m as f64)) {
                self.problems.push((path.to_string(), format!("length {length} is outside {bounds}")));
            }
        }
        if let (Some(bounds), Some(number)) = (rules.range, value.as_f64()) {
            let as_f64 = |n: Number| match n {
                Number::Int(i) => i as f64,
                Number::Float(f) => f,
            };
            if outside(number, bounds.min.map(as_f64), bounds.max.map(as_f64)) {
                self.problems.push((path.to_string(), format!("value {value} is outside {bounds}")));
            }
        }
        if let (Some(bounds), Value::Array(items)) = (rules.items, value)
            && outside(items.len() as f64, bounds.min.map(|m| m as f64), bounds.max.map(|m| m as f64))
        {
            self.problems.push((path.to_string(), format!("{} item(s) is outside {bounds}", items.len())));
        }
    }
}

fn outside(value: f64, min: Option<f64>, max: Option<f64>) -> bool {
    min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

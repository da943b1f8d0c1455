//! The one checker of values against documented types and rules, for every value the spec
//! holds: a field's default and example (errors), and the pages' example bodies (warnings).
//! A broken rule is worded as the client's `validate()` words it (`length 8 is outside ..=4`),
//! so a spec author reads the same sentence a user of the client would.

use serde_json::Value;

use super::types::Scope;
use crate::ir::{Bounds, Field, Number, Rules, Type, TypeDef};

/// Where a value broke a rule (a path such as `data[0].name`, empty for the value itself),
/// the value when it is a scalar (a lint message quotes it; the client never does), and what
/// it broke.
pub(super) struct Problem {
    pub path: String,
    pub value: Option<String>,
    pub rule: String,
}

pub(super) struct Checker<'a> {
    pub scope: &'a Scope,
    /// The service's types, to walk nested objects; a default or example is a scalar and
    /// passes none.
    pub types: &'a [TypeDef],
    /// Whether a value of an open enum must be documented too: yes for the spec's own defaults
    /// and examples, no for a page's example body, which the client would accept.
    pub documented_values_only: bool,
    pub problems: Vec<Problem>,
}

impl Checker<'_> {
    /// A field's value: its rules, then its type.
    pub fn field(&mut self, field: &Field, value: &Value, path: &str) {
        self.rules(&field.rules, value, path);
        self.value(&field.ty, value, path);
    }

    fn report(&mut self, path: &str, value: &Value, rule: String) {
        let value = (!value.is_object() && !value.is_array()).then(|| value.to_string());
        self.problems.push(Problem { path: path.to_string(), value, rule });
    }

    /// A value of a type (a whole example body), with the rules of the fields inside it.
    pub fn value(&mut self, ty: &Type, value: &Value, path: &str) {
        let fits = match (ty, value) {
            (_, Value::Null) | (Type::Json, _) => true,
            (Type::String, Value::String(_)) | (Type::Bool, Value::Bool(_)) => true,
            (Type::I32, Value::Number(n)) => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            (Type::I64, Value::Number(n)) => n.is_i64(),
            (Type::F32 | Type::F64, Value::Number(_)) => true,
            (Type::Named(id), _) => match self.types.get(id.0) {
                Some(TypeDef::Struct(s)) => match value {
                    Value::Object(entries) => {
                        self.object(s, entries, path);
                        true
                    }
                    _ => false,
                },
                // Enums are known to the scope before their definitions are lowered.
                _ => match (enum_text(value, self.scope.is_integer_enum(*id)), self.scope.values_of(*id)) {
                    (Some(text), Some(values)) => {
                        let listed = values.contains(&text);
                        if !listed && (self.documented_values_only || !self.scope.is_open_enum(*id)) {
                            self.report(
                                path,
                                value,
                                format!("is not one of the documented values {}", values.join(", ")),
                            );
                        }
                        true
                    }
                    _ => false,
                },
            },
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
            _ => false,
        };
        if !fits {
            self.report(path, value, format!("a {} where the type is {}", kind(value), self.scope.type_name(ty)));
        }
    }

    fn object(&mut self, def: &crate::ir::Struct, entries: &serde_json::Map<String, Value>, path: &str) {
        let join = |name: &str| if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
        for (key, value) in entries {
            match def.fields.iter().find(|f| &f.wire == key) {
                Some(field) => self.field(field, value, &join(key)),
                None => self.report(&join(key), value, format!("a field the `{}` table does not list", def.ident)),
            }
        }
    }

    /// The same rules, in the same order and wording, as the client's `validate()`.
    fn rules(&mut self, rules: &Rules, value: &Value, path: &str) {
        if let (Some(ident), Value::String(text)) = (&rules.pattern, value)
            && let Some(regex) = self.scope.regex(ident).filter(|regex| !regex.is_match(text))
        {
            let rule = format!("does not match the pattern {}", regex.as_str());
            self.report(path, value, rule);
        }
        if let (Some(bounds), Value::String(text)) = (rules.length, value) {
            let length = text.chars().count() as u64;
            if outside(length as f64, widen(bounds, |n| n as f64)) {
                self.report(path, value, format!("length {length} is outside {bounds}"));
            }
        }
        if let (Some(bounds), Some(number)) = (rules.range, value.as_f64())
            && outside(number, widen(bounds, Number::as_f64))
        {
            self.report(path, value, format!("value {value} is outside {bounds}"));
        }
        if let (Some(bounds), Value::Array(items)) = (rules.items, value)
            && outside(items.len() as f64, widen(bounds, |n| n as f64))
        {
            self.report(path, value, format!("{} item(s) is outside {bounds}", items.len()));
        }
    }
}

/// The text an enum value is listed as: a string for a string enum, a whole number for an
/// integer one; `None` for a value of the other kind.
fn enum_text(value: &Value, integer: bool) -> Option<String> {
    match (value, integer) {
        (Value::String(text), false) => Some(text.clone()),
        (Value::Number(n), true) => n.as_i64().map(|n| n.to_string()),
        _ => None,
    }
}

fn widen<T: Copy>(bounds: Bounds<T>, to_f64: impl Fn(T) -> f64) -> Bounds<f64> {
    Bounds { min: bounds.min.map(&to_f64), max: bounds.max.map(&to_f64) }
}

fn outside(value: f64, bounds: Bounds<f64>) -> bool {
    bounds.min.is_some_and(|min| value < min) || bounds.max.is_some_and(|max| value > max)
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

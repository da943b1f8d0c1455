//! Named types, fields and their rules: the part of lowering shared by type definitions,
//! parameters and response headers.

use std::collections::BTreeMap;

use regex::Regex;

use super::Cx;
use super::check::Checker;
use super::names::{self, Claim, Namespace};
use crate::ir::{
    Accessor, Bounds, Enum, EnumValue, Field, Format, Number, Pattern, Provenance, Rules, Struct, Type, TypeDef,
    TypeId, ValuesFrom,
};
use crate::load::{Bound, FieldSpec, Loc, Scalar, ServiceSpec, Spanned, TypeSpec};

/// What a service declares, for resolving references while its parts are lowered.
pub(super) struct Scope {
    /// Spec type name → what it lowers to.
    types: BTreeMap<String, Declared>,
    /// The service module's type namespace: the spec's types and the types the generator
    /// writes beside them (`Client`, each operation's request and input).
    type_names: Namespace,
    /// Pattern text → index into `patterns`.
    pattern_index: BTreeMap<String, usize>,
    patterns: Vec<(Pattern, Regex)>,
    /// The statics' namespace: patterns, and the generator's own const beside them.
    pattern_names: Namespace,
}

#[derive(Clone)]
struct Declared {
    id: TypeId,
    ident: String,
    /// For enums, what a value is checked against.
    enum_values: Option<EnumDecl>,
}

#[derive(Clone)]
struct EnumDecl {
    open: bool,
    /// The values are numbers on the wire.
    integer: bool,
    values: Vec<String>,
}

impl Scope {
    /// Registers the service's type names and named patterns, reporting duplicates,
    /// collisions after case conversion and regexes that do not compile. A type's id is its
    /// position in `types`, which lowering keeps (a service with an error yields no IR).
    pub fn declare(cx: &mut Cx, spec: &ServiceSpec) -> Scope {
        let mut scope = Scope {
            types: BTreeMap::new(),
            type_names: Namespace::reserving([names::CLIENT], |_| "the service's client `Client`".into()),
            pattern_index: BTreeMap::new(),
            patterns: Vec::new(),
            pattern_names: Namespace::reserving([names::SENSITIVE_FIELDS], |name| {
                format!("`{name}`, the list of sensitive response fields")
            }),
        };
        for (index, def) in spec.types.iter().enumerate() {
            let field = format!("types[{}].name", def.name.value);
            let ident = names::type_ident(&def.name);
            if !scope.claim_type(cx, &ident, &def.name, format!("type {:?}", def.name.value), &field) {
                continue;
            }
            let enum_values = def.values.as_ref().map(|values| EnumDecl {
                open: def.open.unwrap_or(true),
                integer: def.value_type.as_ref().is_some_and(|t| matches!(t.value.as_str(), "Integer" | "Long")),
                values: values.iter().map(|v| v.value.value.clone()).collect(),
            });
            scope.types.insert(def.name.value.clone(), Declared { id: TypeId(index), ident, enum_values });
        }
        for pattern in &spec.patterns {
            let field = format!("patterns[{}]", pattern.name.value);
            let ident = names::const_ident(&pattern.name);
            if !names::is_valid_ident(&ident) {
                cx.error(
                    pattern.name.loc,
                    format!("{field}.name"),
                    format!("expected a name made of letters, digits and underscores, found {:?}", pattern.name.value),
                );
                continue;
            }
            let claim = Claim { what: format!("pattern {:?}", pattern.name.value), loc: Some(pattern.name.loc) };
            if let Err(other) = scope.pattern_names.claim(&ident, claim) {
                cx.error(
                    pattern.name.loc,
                    format!("{field}.name"),
                    format!(
                        "expected a unique pattern name, found {:?}, which becomes `{ident}` like {other}",
                        pattern.name.value
                    ),
                );
                continue;
            }
            if scope.pattern_index.contains_key(&pattern.regex.value) {
                cx.error(
                    pattern.regex.loc,
                    format!("{field}.regex"),
                    "expected each regex once in `patterns`, found a regex already named above",
                );
                continue;
            }
            if let Some(regex) = compile(cx, &pattern.regex, &format!("{field}.regex")) {
                scope.add_pattern(ident, &pattern.regex.value, pattern.description.clone(), regex);
            }
        }
        scope
    }

    /// Claims a name in the service's type namespace for `what` (as an error would name it);
    /// reports and returns false when the name is no Rust identifier or something holds it.
    pub fn claim_type(&mut self, cx: &mut Cx, ident: &str, name: &Spanned<String>, what: String, field: &str) -> bool {
        if !names::is_valid_ident(ident) {
            cx.error(
                name.loc,
                field,
                format!(
                    "expected a name that converts to a Rust identifier, found {:?} (converts to {ident:?})",
                    name.value
                ),
            );
            return false;
        }
        let quoted = format!("{:?}", name.value);
        let Err(other) = self.type_names.claim(ident, Claim { what, loc: Some(name.loc) }) else { return true };
        let message = match other.loc {
            Some(at) if other.what == format!("type {quoted}") => {
                format!("expected a unique name, found {quoted} again (first defined at {at})")
            }
            Some(_) => format!(
                "expected a name distinct after case conversion, found {quoted}, which becomes `{ident}` like {other}"
            ),
            None => format!(
                "expected a name the generator does not use itself, found {quoted}, which becomes `{ident}`: {other}"
            ),
        };
        cx.error(name.loc, field, message);
        false
    }

    fn add_pattern(&mut self, ident: String, text: &str, description: Option<String>, regex: Regex) -> String {
        self.pattern_index.insert(text.to_string(), self.patterns.len());
        self.patterns
            .push((Pattern { ident: ident.clone(), regex: text.to_string(), description, checked: false }, regex));
        ident
    }

    /// The pattern with this text, named after its first use when `patterns` did not name it.
    fn pattern(
        &mut self,
        cx: &mut Cx,
        text: &Spanned<String>,
        first_use: &str,
        field: &str,
    ) -> Option<(String, Regex)> {
        if let Some(&index) = self.pattern_index.get(&text.value) {
            let (pattern, regex) = &self.patterns[index];
            return Some((pattern.ident.clone(), regex.clone()));
        }
        let regex = compile(cx, text, field)?;
        let mut ident = names::const_ident(first_use);
        while self.pattern_names.contains(&ident) {
            ident.push('_');
        }
        let _ =
            self.pattern_names.claim(&ident, Claim { what: format!("the pattern of {field}"), loc: Some(text.loc) });
        Some((self.add_pattern(ident, &text.value, None, regex.clone()), regex))
    }

    /// The compiled regex of a pattern, by its ident.
    pub fn regex(&self, ident: &str) -> Option<&Regex> {
        self.patterns.iter().find(|(pattern, _)| pattern.ident == ident).map(|(_, regex)| regex)
    }

    /// The documented values of an enum.
    pub fn values_of(&self, id: TypeId) -> Option<&[String]> {
        self.types.values().find(|d| d.id == id)?.enum_values.as_ref().map(|e| e.values.as_slice())
    }

    /// Whether the type is an enum whose values are numbers.
    pub fn is_integer_enum(&self, id: TypeId) -> bool {
        self.types.values().any(|d| d.id == id && d.enum_values.as_ref().is_some_and(|e| e.integer))
    }

    /// Whether the type is an enum that accepts undocumented values in requests.
    pub fn is_open_enum(&self, id: TypeId) -> bool {
        self.types.values().any(|d| d.id == id && d.enum_values.as_ref().is_some_and(|e| e.open))
    }

    pub fn into_patterns(self) -> Vec<Pattern> {
        self.patterns.into_iter().map(|(pattern, _)| pattern).collect()
    }

    /// The Rust name of a declared type (for messages before the IR exists).
    pub fn ident_of(&self, id: TypeId) -> &str {
        self.types.values().find(|d| d.id == id).map_or("", |d| d.ident.as_str())
    }

    /// The docs' name for a type, for messages.
    pub fn type_name(&self, ty: &Type) -> String {
        match ty {
            Type::Named(id) => self.ident_of(*id).to_string(),
            Type::Array(inner) => format!("Array of {}", self.type_name(inner)),
            Type::Map(inner) => format!("Map<String,{}>", self.type_name(inner)),
            scalar => crate::ir::type_name(scalar, &[]),
        }
    }

    /// Resolves a type expression written as the docs' Type column.
    pub fn resolve(&self, cx: &mut Cx, expr: &Spanned<String>, field: &str) -> Option<Type> {
        match self.parse(expr.value.trim()) {
            Ok(ty) => Some(ty),
            Err(message) => {
                cx.error(expr.loc, field, message);
                None
            }
        }
    }

    fn parse(&self, expr: &str) -> Result<Type, String> {
        if let Some(inner) = expr.strip_prefix("Array of ") {
            return Ok(Type::Array(Box::new(self.parse(inner.trim())?)));
        }
        if let Some(inner) = expr.strip_prefix("Map<").and_then(|rest| rest.strip_suffix('>')) {
            let value = inner.trim().strip_prefix("String").and_then(|v| v.trim_start().strip_prefix(','));
            return match value {
                Some(value) => Ok(Type::Map(Box::new(self.parse(value.trim())?))),
                None => Err(format!("expected a map with String keys, `Map<String,X>`, found `{expr}`")),
            };
        }
        let name = expr.strip_suffix(" objects").or_else(|| expr.strip_suffix(" object")).unwrap_or(expr);
        let scalar = match name {
            "String" | "string" | "strings" => Some(Type::String),
            "Integer" | "integer" | "integers" => Some(Type::I32),
            "Long" | "long" | "longs" => Some(Type::I64),
            "Boolean" | "boolean" | "booleans" => Some(Type::Bool),
            "Float" | "float" | "floats" => Some(Type::F32),
            "Double" | "double" | "doubles" | "Number" | "number" | "numbers" => Some(Type::F64),
            "Object" => Some(Type::Json),
            "File" => Some(Type::File),
            _ => None,
        };
        if let Some(scalar) = scalar {
            return Ok(scalar);
        }
        match self.types.get(name) {
            Some(declared) => Ok(Type::Named(declared.id)),
            None if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !name.is_empty() => {
                Err(format!("expected a type defined in this file's `types`, found unknown type `{name}`"))
            }
            None => Err(format!(
                "expected String, Integer, Long, Boolean, Float, Double, Object, `Array of X`, `Map<String,X>` or a type name, found `{expr}`"
            )),
        }
    }
}

fn compile(cx: &mut Cx, text: &Spanned<String>, field: &str) -> Option<Regex> {
    match Regex::new(&text.value) {
        Ok(regex) => Some(regex),
        Err(err) => {
            let reason = err.to_string().lines().last().unwrap_or_default().trim().to_string();
            cx.error(
                text.loc,
                field,
                format!(
                    "expected a regular expression the client's regex engine compiles, found {:?} ({reason})",
                    text.value
                ),
            );
            None
        }
    }
}

pub(super) fn lower_types(cx: &mut Cx, scope: &mut Scope, specs: &[TypeSpec]) -> Vec<TypeDef> {
    specs.iter().filter_map(|spec| lower_type(cx, scope, spec)).collect()
}

fn lower_type(cx: &mut Cx, scope: &mut Scope, spec: &TypeSpec) -> Option<TypeDef> {
    let path = format!("types[{}]", spec.name.value);
    cx.review(&spec.review, &path);
    let ident = scope.types.get(&spec.name.value)?.ident.clone();
    match (&spec.fields, &spec.values) {
        (Some(fields), None) => {
            if spec.open.is_some() {
                cx.error(spec.name.loc, format!("{path}.open"), "expected `open` on enums only, found it on a struct");
            }
            if let Some(value_type) = &spec.value_type {
                cx.error(value_type.loc, format!("{path}.type"), "expected `type` on enums only, found it on a struct");
            }
            let fields = lower_fields(cx, scope, fields, &path, &ident);
            Some(TypeDef::Struct(Struct {
                ident,
                description: spec.description.clone(),
                fields,
                validated: false,
                form: false,
                usage: Default::default(),
            }))
        }
        (None, Some(values)) => lower_enum(cx, spec, values, &path, ident).map(TypeDef::Enum),
        (Some(_), Some(_)) => {
            cx.error(spec.name.loc, &path, "expected either `fields` (a struct) or `enum` (an enum), found both");
            None
        }
        (None, None) => {
            cx.error(spec.name.loc, &path, "expected `fields` (a struct) or `enum` (an enum), found neither");
            None
        }
    }
}

fn lower_enum(
    cx: &mut Cx,
    spec: &TypeSpec,
    values: &Spanned<Vec<crate::load::EnumValueSpec>>,
    path: &str,
    ident: String,
) -> Option<Enum> {
    if values.is_empty() {
        cx.error(values.loc, format!("{path}.enum"), "expected at least one value, found an empty list");
        return None;
    }
    let integer = match spec.value_type.as_ref().map(|t| (t.loc, t.value.as_str())) {
        None | Some((_, "String")) => false,
        Some((_, "Integer" | "Long")) => true,
        Some((loc, other)) => {
            cx.error(
                loc,
                format!("{path}.type"),
                format!("expected String or Integer for an enum's values, found {other:?}"),
            );
            return None;
        }
    };
    if integer {
        let mut numbers: BTreeMap<i64, &Spanned<String>> = BTreeMap::new();
        for value in values.iter() {
            let field = format!("{path}.enum[{}]", value.value.value);
            match value.value.parse::<i64>() {
                Err(_) => cx.error(
                    value.value.loc,
                    field,
                    format!("expected a whole number (the enum's type is Integer), found {:?}", value.value.value),
                ),
                Ok(number) => {
                    if let Some(other) = numbers.insert(number, &value.value) {
                        let message = format!(
                            "expected each number once, found {:?}, the number {:?} at {} is",
                            value.value.value, other.value, other.loc
                        );
                        cx.error(value.value.loc, field, message);
                    }
                }
            }
        }
    }
    let wires: Vec<&Spanned<String>> = values.iter().map(|value| &value.value).collect();
    let place = |wire: &str| format!("{path}.enum[{wire}]");
    let idents = wire_idents(cx, &wires, place, "value", names::variant_ident, |name, n| format!("{name}{n}"));
    let lowered: Vec<EnumValue> = values
        .iter()
        .zip(idents)
        .filter(|(_, (_, first))| *first)
        .map(|(value, (ident, _))| EnumValue {
            wire: value.value.value.clone(),
            ident,
            description: value.description.clone(),
        })
        .collect();
    let open = spec.open.unwrap_or(true);
    let values_from = match spec.values_from.as_ref().map(|v| (v.loc, v.value.as_str())) {
        None | Some((_, "page")) => ValuesFrom::Page,
        Some((_, "sdk")) => ValuesFrom::Sdk,
        Some((loc, "examples")) => {
            cx.warn(
                loc,
                format!("{path}.values_from"),
                "expected values documented by a page or an SDK, found values known only from examples: the list may be incomplete",
            );
            ValuesFrom::Examples
        }
        Some((loc, other)) => {
            cx.error(
                loc,
                format!("{path}.values_from"),
                format!("expected `page`, `sdk` or `examples`, found {other:?}"),
            );
            return None;
        }
    };
    // spec/README.md: values the page lists make a closed enum.
    if values_from == ValuesFrom::Page && open {
        cx.warn(
            spec.values_from.as_ref().map_or(spec.name.loc, |v| v.loc),
            format!("{path}.open"),
            "expected `open: false` for values the page lists (or `values_from: sdk` or `examples` for values it does not), found an open enum",
        );
    }
    Some(Enum {
        ident,
        description: spec.description.clone(),
        open,
        values: lowered,
        values_from,
        integer,
        usage: Default::default(),
    })
}

/// Lowers the rows of a table, reporting wire names used twice; Rust names that collide
/// after conversion are told apart (see [`field_idents`]).
pub(super) fn lower_fields(cx: &mut Cx, scope: &mut Scope, specs: &[FieldSpec], path: &str, owner: &str) -> Vec<Field> {
    let idents = field_idents(cx, specs, &format!("{path}.fields"));
    // The struct's inherent methods: one typed accessor per formatted field.
    let mut methods = Namespace::default();
    let mut fields = Vec::new();
    for (spec, ident) in specs.iter().zip(idents) {
        let field_path = format!("{path}.fields[{}]", spec.name.value);
        if spec.location.is_some() {
            cx.error(
                spec.name.loc,
                format!("{field_path}.in"),
                "expected `in` on operation parameters only, found it on a field",
            );
        }
        let Some(field) = lower_field(cx, scope, spec, ident, &field_path, owner) else { continue };
        if let Some(accessor) = &field.format {
            let claim =
                Claim { what: format!("the accessor of field {:?}", spec.name.value), loc: Some(spec.name.loc) };
            if let Err(other) = methods.claim(&accessor.method, claim) {
                let message = format!(
                    "expected an accessor name no other field's takes, found `{}`, like {other}",
                    accessor.method
                );
                cx.error(spec.name.loc, format!("{field_path}.format"), message);
                continue;
            }
        }
        fields.push(field);
    }
    fields
}

/// The Rust names of a table's rows (`path` is the table's, `fields` its key); see [`wire_idents`].
pub(super) fn field_idents(cx: &mut Cx, specs: &[FieldSpec], path: &str) -> Vec<String> {
    let names: Vec<&Spanned<String>> = specs.iter().map(|spec| &spec.name).collect();
    let place = |wire: &str| format!("{path}[{wire}].name");
    // A name listed twice is reported; its row still lowers (under its suffixed name), for the
    // other errors it may have.
    wire_idents(cx, &names, place, "name", names::field_ident, |name, n| format!("{name}_{n}"))
        .into_iter()
        .map(|(ident, _)| ident)
        .collect()
}

/// Rust names for the wire names of one table or enum, in order, each with whether it is the
/// name's first listing: a wire name listed twice is an error; names that only convert alike
/// (`workspaceId`, `workspace_id`) are told apart by a suffix, with a warning, since the wire
/// names are the service's to choose.
fn wire_idents(
    cx: &mut Cx,
    wires: &[&Spanned<String>],
    place: impl Fn(&str) -> String,
    what: &str,
    convert: fn(&str) -> String,
    suffixed: impl Fn(&str, usize) -> String,
) -> Vec<(String, bool)> {
    let texts: Vec<&str> = wires.iter().map(|wire| wire.value.as_str()).collect();
    let idents = names::unique_idents(&texts, convert, suffixed);
    let mut first: BTreeMap<&str, Loc> = BTreeMap::new();
    let mut out = Vec::with_capacity(wires.len());
    for (wire, (ident, kept_by)) in wires.iter().zip(idents) {
        if let Some(at) = first.get(wire.value.as_str()) {
            let message = format!("expected each {what} once, found {:?} again (first at {at})", wire.value);
            cx.error(wire.loc, place(&wire.value), message);
            out.push((ident, false));
            continue;
        }
        first.insert(&wire.value, wire.loc);
        if let Some(kept_by) = kept_by {
            let message = format!(
                "expected {what}s distinct after conversion to Rust, found {:?}, which becomes `{}` like {kept_by:?}: it is named `{ident}`",
                wire.value,
                convert(&wire.value)
            );
            cx.warn(wire.loc, place(&wire.value), message);
        }
        out.push((ident, true));
    }
    out
}

/// One field, parameter or header, named `ident` in Rust: its type, rules, and a check of its
/// default and example.
pub(super) fn lower_field(
    cx: &mut Cx,
    scope: &mut Scope,
    spec: &FieldSpec,
    ident: String,
    path: &str,
    owner: &str,
) -> Option<Field> {
    cx.review(&spec.review, path);
    let ty = scope.resolve(cx, &spec.type_expr, &format!("{path}.type"))?;
    let errors_before = cx.errors();
    let mut rules = Rules::default();

    let is_string = ty == Type::String;
    let type_name = scope.type_name(&ty);
    let not_for = |cx: &mut Cx, key: &str, loc: Loc, wants: &str| {
        cx.error(
            loc,
            format!("{path}.{key}"),
            format!("expected `{key}` on {wants} only, found it on a field of type {type_name}"),
        );
    };
    if let Some(pattern) = &spec.pattern {
        if is_string {
            rules.pattern = scope
                .pattern(cx, pattern, &format!("{owner}_{ident}"), &format!("{path}.pattern"))
                .map(|(name, _)| name);
        } else {
            not_for(cx, "pattern", pattern.loc, "String fields");
        }
    }
    if spec.min_length.is_some() || spec.max_length.is_some() {
        let loc = spec.min_length.as_ref().or(spec.max_length.as_ref()).map(|s| s.loc).unwrap_or_default();
        if is_string {
            rules.length = bounds(cx, &spec.min_length, &spec.max_length, path, "length");
        } else {
            not_for(cx, "min_length/max_length", loc, "String fields");
        }
    }
    if spec.min_items.is_some() || spec.max_items.is_some() {
        let loc = spec.min_items.as_ref().or(spec.max_items.as_ref()).map(|s| s.loc).unwrap_or_default();
        if matches!(ty, Type::Array(_)) {
            rules.items = bounds(cx, &spec.min_items, &spec.max_items, path, "items");
        } else {
            not_for(cx, "min_items/max_items", loc, "Array fields");
        }
    }
    if spec.minimum.is_some() || spec.maximum.is_some() {
        rules.range = range(cx, spec, &ty, &type_name, path);
    }
    if spec.sensitive && !is_string {
        not_for(cx, "sensitive", spec.name.loc, "String fields");
    }
    let format = match spec.format.as_ref().map(|f| (f.loc, f.value.as_str())) {
        None => None,
        Some((loc, _)) if !is_string => {
            not_for(cx, "format", loc, "String fields");
            None
        }
        Some((_, "json")) => Some((Format::Json, "json")),
        Some((_, "rfc3339")) => Some((Format::Rfc3339, "parsed")),
        Some((_, "datetime")) => Some((Format::DateTime, "parsed")),
        Some((loc, other)) => {
            cx.error(loc, format!("{path}.format"), format!("expected json, rfc3339 or datetime, found {other:?}"));
            None
        }
    };
    if cx.errors() > errors_before {
        return None;
    }

    if spec.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
        cx.warn(
            spec.name.loc,
            format!("{path}.description"),
            "expected a description (the table's Description column), found none",
        );
    }
    let field = Field {
        wire: spec.name.value.clone(),
        ident,
        ty,
        required: spec.required,
        description: spec.description.clone(),
        rules,
        sensitive: spec.sensitive,
        format: format.map(|(format, suffix)| Accessor { format, method: names::accessor_ident(&spec.name, suffix) }),
        provenance: provenance(cx, spec, path)?,
        default: spec.default.as_ref().map(|d| match &d.value {
            Scalar::String(s) => s.clone(),
            other => show(other),
        }),
    };
    for (key, value) in [("default", &spec.default), ("example", &spec.example)] {
        if let Some(value) = value {
            check_value(cx, scope, &field, value, &format!("{path}.{key}"), key);
        }
    }
    Some(field)
}

/// The fact keys a `page` record may name: the keys of a row that state a fact of the page;
/// `absent`, the pages (file name prefixes) whose table lacks a row of a shared type; `on`, the
/// pages the record's facts are about, when not every page sharing the type.
const PAGE_FACTS: &[&str] = &[
    "name",
    "in",
    "type",
    "required",
    "description",
    "pattern",
    "min_length",
    "max_length",
    "minimum",
    "maximum",
    "min_items",
    "max_items",
    "default",
    "format",
    "sensitive",
    "absent",
    "on",
];

/// Where a row comes from (`from`) and what the page states where the row departs from it
/// (`page`); each departure is listed by `lint`, with the row's note, for a reviewer.
fn provenance(cx: &mut Cx, spec: &FieldSpec, path: &str) -> Option<Provenance> {
    let from_sdk = match spec.from.as_ref().map(|from| (from.loc, from.value.as_str())) {
        None | Some((_, "page")) => false,
        Some((_, "sdk")) => true,
        Some((loc, other)) => {
            cx.error(loc, format!("{path}.from"), format!("expected `page` or `sdk`, found {other:?}"));
            return None;
        }
    };
    let mut page = Vec::new();
    if let Some(record) = &spec.page {
        for (key, value) in record.iter() {
            if !PAGE_FACTS.contains(&key.as_str()) {
                let known = PAGE_FACTS.join(", ");
                cx.error(
                    record.loc,
                    format!("{path}.page.{key}"),
                    format!("expected a fact key ({known}), found {key:?}"),
                );
                return None;
            }
            let value = match value {
                Scalar::String(text) => text.clone(),
                other => show(other),
            };
            let why = spec.note.as_deref().map_or_else(String::new, |note| format!(" ({note})"));
            cx.warn(
                record.loc,
                format!("{path}.page.{key}"),
                format!("expected the spec to say what the page says, found a recorded decision: the page says {key} {value:?}{why}"),
            );
            page.push((key.clone(), value));
        }
    }
    Some(Provenance { from_sdk, page, note: spec.note.clone() })
}

/// A default or example against the field's own type and rules, as `validate()` checks them.
fn check_value(cx: &mut Cx, scope: &Scope, field: &Field, value: &Spanned<Scalar>, path: &str, key: &str) {
    let expected = format!("expected the {key} to satisfy the field's own type and rules, found {}", show(value));
    let scalar = match &field.ty {
        Type::Named(id) => scope.values_of(*id).is_some(),
        ty => ty.is_scalar(&[]),
    };
    if !scalar {
        let type_name = scope.type_name(&field.ty);
        let message =
            format!("{expected}: defaults and examples are supported on scalar fields, and this one is {type_name}");
        cx.error(value.loc, path, message);
        return;
    }
    let json = match &value.value {
        Scalar::Bool(b) => serde_json::Value::Bool(*b),
        Scalar::Int(n) => serde_json::Value::from(*n),
        Scalar::String(s) => serde_json::Value::String(s.clone()),
        Scalar::Float(n) => match serde_json::Number::from_f64(*n) {
            Some(n) => serde_json::Value::Number(n),
            None => {
                cx.error(value.loc, path, format!("{expected}: a number that is not finite"));
                return;
            }
        },
    };
    let mut checker = Checker { scope, types: &[], documented_values_only: true, problems: Vec::new() };
    checker.field(field, &json, "");
    if let Some(problem) = checker.problems.first() {
        cx.error(value.loc, path, format!("{expected}: {}", problem.rule));
    }
}

fn bounds(
    cx: &mut Cx,
    min: &Option<Spanned<u64>>,
    max: &Option<Spanned<u64>>,
    path: &str,
    what: &str,
) -> Option<Bounds<u64>> {
    let (min_key, max_key) = (format!("min_{what}"), format!("max_{what}"));
    // Lengths and counts are `usize` in the client; no page documents more than this.
    for (bound, key) in [(min, &min_key), (max, &max_key)] {
        if let Some(bound) = bound.as_ref().filter(|bound| bound.value > u64::from(u32::MAX)) {
            cx.error(
                bound.loc,
                format!("{path}.{key}"),
                format!("expected at most {}, found {}", u32::MAX, bound.value),
            );
            return None;
        }
    }
    if !in_order(cx, min, max, path, (&min_key, &max_key)) {
        return None;
    }
    Some(Bounds { min: min.as_ref().map(|m| m.value), max: max.as_ref().map(|m| m.value) })
}

/// Whether a documented lower bound is at most its upper bound; if not, reports it at the
/// lower bound, naming both keys.
fn in_order<T: PartialOrd + std::fmt::Display>(
    cx: &mut Cx,
    min: &Option<Spanned<T>>,
    max: &Option<Spanned<T>>,
    path: &str,
    (min_key, max_key): (&str, &str),
) -> bool {
    match (min, max) {
        (Some(min), Some(max)) if min.value > max.value => {
            cx.error(
                min.loc,
                format!("{path}.{min_key}"),
                format!("expected {min_key} ≤ {max_key}, found {} > {}", min.value, max.value),
            );
            false
        }
        _ => true,
    }
}

/// A numeric range, each bound a finite number the field's type can hold: a whole number
/// within i32 or i64, or a float within f32 or f64 (the client compares in the field's type).
fn range(cx: &mut Cx, spec: &FieldSpec, ty: &Type, type_name: &str, path: &str) -> Option<Bounds<Number>> {
    // The largest magnitude of a float field's type; `None` for an integer field.
    let float_max = match ty {
        Type::I32 | Type::I64 => None,
        Type::F32 => Some(f64::from(f32::MAX)),
        Type::F64 => Some(f64::MAX),
        _ => {
            let loc = spec.minimum.as_ref().or(spec.maximum.as_ref()).map(|s| s.loc).unwrap_or_default();
            cx.error(
                loc,
                format!("{path}.minimum"),
                format!("expected minimum/maximum on numeric fields only, found it on a field of type {type_name}"),
            );
            return None;
        }
    };
    let mut number = |bound: &Option<Spanned<Bound>>, key: &str| -> Result<Option<Number>, ()> {
        let Some(bound) = bound else { return Ok(None) };
        let number = match (float_max, bound.value) {
            (Some(max), value) => Some(value.as_f64()).filter(|n| n.is_finite() && n.abs() <= max).map(Number::Float),
            (None, value) => {
                let whole = match value {
                    Bound::Int(n) => Some(n),
                    // A whole float (`1024.0`) bounds an integer field too; 2^63 is the first
                    // float no i64 holds.
                    Bound::Float(n) => {
                        (n.fract() == 0.0 && n >= -(2f64.powi(63)) && n < 2f64.powi(63)).then_some(n as i64)
                    }
                };
                whole.filter(|&n| *ty == Type::I64 || i32::try_from(n).is_ok()).map(Number::Int)
            }
        };
        if let Some(number) = number {
            return Ok(Some(number));
        }
        let wanted = if float_max.is_some() { "a finite number" } else { "a whole number" };
        cx.error(
            bound.loc,
            format!("{path}.{key}"),
            format!("expected {wanted} within the range of {type_name}, found {}", bound.value),
        );
        Err(())
    };
    let min = number(&spec.minimum, "minimum").ok()?;
    let max = number(&spec.maximum, "maximum").ok()?;
    if !in_order(cx, &spec.minimum, &spec.maximum, path, ("minimum", "maximum")) {
        return None;
    }
    Some(Bounds { min, max })
}

fn show(value: &Scalar) -> String {
    match value {
        Scalar::Bool(b) => b.to_string(),
        Scalar::Int(i) => i.to_string(),
        Scalar::Float(f) => f.to_string(),
        Scalar::String(s) => format!("{s:?}"),
    }
}

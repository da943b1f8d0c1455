//! Stage 2: spec types → IR.
//!
//! Resolves type references, turns wire names into Rust names, and checks everything the
//! docs' constraints imply: unknown references, duplicate or colliding names, regexes that do
//! not compile, rules on the wrong kind of field, defaults and examples that break their own
//! rules. It reports every problem it finds, each with file, line, column and field path, and
//! returns an IR only when there are none.

mod check;
mod examples;
mod names;
mod operations;
mod types;
mod waiters;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::ir::{Api, Service, Type, TypeDef, TypeId, Usage, type_name};
use crate::load::{Loc, SpecFile};
use crate::parallel::{self, Panicked};

pub use names::field_ident;

/// Lowers every loaded file; a service name used twice is an error. Warnings are dropped:
/// [`lower_with_warnings`] keeps them, for `lint`.
pub fn lower(files: &[SpecFile]) -> Result<Api, Diagnostics> {
    lower_with_warnings(files).map(|(api, _)| api)
}

/// Lowers every loaded file, returning the IR with the warnings (legal but suspicious: a doc
/// example that breaks its own rules, an enum known only from examples, a field without a
/// description), or every error and warning when there are errors.
pub fn lower_with_warnings(files: &[SpecFile]) -> Result<(Api, Diagnostics), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    for file in files {
        let mut cx = Cx { file: &file.path, diagnostics: &mut diagnostics };
        let name = &file.spec.service.name;
        let module = names::field_ident(name);
        if module != name.value || !names::is_valid_ident(&module) {
            cx.error(
                name.loc,
                "service.name",
                format!("expected a snake_case service name usable as a module and feature, found {:?}", name.value),
            );
        } else if names::is_reserved_module(&module) {
            cx.error(
                name.loc,
                "service.name",
                format!(
                    "expected a service name the crate root does not use already, found {:?}, the name of the runtime, the mock server, cargo's default feature or a crate the client uses",
                    name.value
                ),
            );
        } else if let Some(other) = modules.insert(module.clone(), file.path.display().to_string()) {
            cx.error(
                name.loc,
                "service.name",
                format!(
                    "expected a service name used by one file only, found {:?}, already the name in {other}",
                    name.value
                ),
            );
        }
    }
    // Services share nothing (no type crosses a file), so each is lowered on whichever thread
    // is free, with diagnostics of its own; they are sorted together below.
    let lowered = parallel::map(files.iter().collect(), |file: &SpecFile| {
        let mut found = Diagnostics::default();
        let service = lower_service(&mut Cx { file: &file.path, diagnostics: &mut found }, file);
        (service, found)
    });
    let mut services = Vec::new();
    for (file, result) in files.iter().zip(lowered) {
        match result {
            Ok((service, found)) => {
                services.extend(service);
                diagnostics.extend(found);
            }
            Err(Panicked) => diagnostics.push(Diagnostic::internal(&file.path, "lowering")),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics.sorted());
    }
    Ok((Api { services }, diagnostics.sorted()))
}

/// Where diagnostics go while one file is lowered.
struct Cx<'a> {
    file: &'a Path,
    diagnostics: &'a mut Diagnostics,
}

impl Cx<'_> {
    fn error(&mut self, loc: Loc, field: impl Into<String>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::spec(self.file, loc, field, message));
    }

    fn warn(&mut self, loc: Loc, field: impl Into<String>, message: impl Into<String>) {
        let diagnostic = Diagnostic::spec(self.file, loc, field, message);
        self.diagnostics.push(Diagnostic { severity: Severity::Warning, ..diagnostic });
    }

    /// Lists a `review:` note (what the importer could not settle) for `lint`.
    fn review(&mut self, note: &Option<crate::load::Spanned<String>>, path: &str) {
        if let Some(note) = note {
            let message = format!("expected the spec's facts settled, found a note for review: {}", note.value);
            self.warn(note.loc, format!("{path}.review"), message);
        }
    }

    /// Errors reported so far; a part whose lowering added one is left out of the IR.
    fn errors(&self) -> usize {
        self.diagnostics.0.iter().filter(|d| d.severity == Severity::Error).count()
    }
}

fn lower_service(cx: &mut Cx, file: &SpecFile) -> Option<Service> {
    let spec = &file.spec;
    let errors_before = cx.errors();

    let mut scope = types::Scope::declare(cx, spec);
    let mut type_defs = types::lower_types(cx, &mut scope, &spec.types);
    let operations = operations::lower_operations(cx, &mut scope, &spec.operations, &type_defs);
    let endpoint = &spec.service.endpoint.value;
    if !endpoint.starts_with("https://") || endpoint.chars().any(|c| c.is_whitespace() || c.is_control()) {
        cx.error(
            spec.service.endpoint.loc,
            "service.endpoint",
            format!(
                "expected an https URL, optionally with a {{region}} placeholder, found {:?}",
                spec.service.endpoint.value
            ),
        );
    }

    if cx.errors() > errors_before {
        return None;
    }
    mark_forms(cx, spec, &mut type_defs, &operations);
    if cx.errors() > errors_before {
        return None;
    }
    examples::check_all(cx, &scope, &type_defs, &spec.operations, &operations);
    warn_unused_types(cx, spec, &type_defs, &operations);
    mark_usage(&mut type_defs, &operations);
    mark_validated(&mut type_defs);
    let mut patterns = scope.into_patterns();
    mark_checked_patterns(&mut patterns, &type_defs, &operations);
    Some(Service {
        module: spec.service.name.value.clone(),
        title: spec.service.title.clone(),
        description: spec.service.description.clone(),
        api_version: spec.service.api_version.clone(),
        endpoint: spec.service.endpoint.value.clone(),
        sources: spec.service.sources.clone(),
        spec_file: file.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        patterns,
        types: type_defs,
        operations,
    })
}

/// Warns about each type no operation reaches (through its parameters, bodies, responses and
/// their types' fields): left behind when `import --update` retyped the field that held it, or
/// a typo. A service without operations (types alone) is exempt.
fn warn_unused_types(
    cx: &mut Cx,
    spec: &crate::load::ServiceSpec,
    types: &[TypeDef],
    operations: &[crate::ir::Operation],
) {
    if operations.is_empty() {
        return;
    }
    let reached = reached(types, operations.iter().flat_map(|op| op.sent_types().chain(op.received_types())));
    for (index, def) in spec.types.iter().enumerate().filter(|(index, _)| !reached.contains(&TypeId(*index))) {
        cx.warn(
            def.name.loc,
            format!("types[{index}]"),
            format!(
                "expected every type to be used by an operation, found {:?} used by none (remove it if an update left it behind)",
                def.name.value
            ),
        );
    }
}

/// Marks the structs sent as multipart bodies as forms: one part per field, so each field must
/// be a scalar or a `File`. A `File` anywhere else, or a form used as JSON too, is an error.
fn mark_forms(
    cx: &mut Cx,
    spec: &crate::load::ServiceSpec,
    types: &mut [TypeDef],
    operations: &[crate::ir::Operation],
) {
    let forms: BTreeSet<TypeId> = operations
        .iter()
        .filter_map(|op| op.body.as_ref().filter(|body| body.multipart))
        .filter_map(|body| match body.ty {
            Type::Named(id) => Some(id),
            _ => None,
        })
        .collect();
    let mut json_uses = BTreeSet::new();
    let json_types = types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Struct(s) => Some(s),
            TypeDef::Enum(_) => None,
        })
        .flat_map(|s| s.fields.iter().map(|f| &f.ty))
        .chain(operations.iter().flat_map(|op| op.responses.iter().filter_map(|r| r.body.as_ref())));
    for ty in json_types {
        named_in(ty, &mut json_uses);
    }
    let mut is_form = vec![false; types.len()];
    for (index, def) in types.iter().enumerate() {
        let TypeDef::Struct(s) = def else { continue };
        // Types keep their spec order, so the spec entry of type `index` is `spec.types[index]`.
        let loc = spec.types.get(index).map_or_else(Loc::default, |t| t.name.loc);
        let path = format!("types[{}]", s.ident);
        is_form[index] = forms.contains(&TypeId(index));
        for field in &s.fields {
            let part = field.ty == Type::File || field.ty.is_scalar(types);
            if is_form[index] && !part {
                cx.error(
                    loc,
                    format!("{path}.fields[{}].type", field.wire),
                    format!("expected a scalar or File in a multipart form, found {}", type_name(&field.ty, types)),
                );
            } else if !is_form[index] && contains_file(&field.ty) {
                cx.error(
                    loc,
                    format!("{path}.fields[{}].type", field.wire),
                    "expected File only in the type of a multipart request body, found it in a JSON type",
                );
            }
        }
        if is_form[index] && json_uses.contains(&TypeId(index)) {
            cx.error(
                loc,
                &path,
                "expected a multipart form type to be used only as a multipart body, found it used as JSON too",
            );
        }
    }
    for (def, form) in types.iter_mut().zip(is_form) {
        if let TypeDef::Struct(s) = def {
            s.form = form;
        }
    }
}

/// The named types a type refers to, through arrays and maps.
fn named_in(ty: &Type, found: &mut BTreeSet<TypeId>) {
    match ty {
        Type::Named(id) => {
            found.insert(*id);
        }
        Type::Array(inner) | Type::Map(inner) => named_in(inner, found),
        _ => {}
    }
}

fn contains_file(ty: &Type) -> bool {
    match ty {
        Type::File => true,
        Type::Array(inner) | Type::Map(inner) => contains_file(inner),
        _ => false,
    }
}

/// Marks each type `sent` (reached from a request's parameters or body) and `received`
/// (reached from a response's body or headers), through fields, arrays and maps. A type no
/// operation reaches is both (see [`Usage`]), and so is every type it holds.
fn mark_usage(types: &mut [TypeDef], operations: &[crate::ir::Operation]) {
    let used = reached(types, operations.iter().flat_map(|op| op.sent_types().chain(op.received_types())));
    let unused: Vec<Type> = (0..types.len()).map(TypeId).filter(|id| !used.contains(id)).map(Type::Named).collect();
    let sent = reached(types, operations.iter().flat_map(|op| op.sent_types()).chain(&unused));
    let received = reached(types, operations.iter().flat_map(|op| op.received_types()).chain(&unused));
    for (index, def) in types.iter_mut().enumerate() {
        let id = TypeId(index);
        let usage = Usage { sent: sent.contains(&id), received: received.contains(&id) };
        match def {
            TypeDef::Struct(s) => s.usage = usage,
            TypeDef::Enum(e) => e.usage = usage,
        }
    }
}

/// Marks the patterns the client checks: those of the request types' fields (parameters) and
/// of validated structs' fields, which is where the emitted checks are.
fn mark_checked_patterns(patterns: &mut [crate::ir::Pattern], types: &[TypeDef], operations: &[crate::ir::Operation]) {
    let params = operations.iter().flat_map(|op| op.params.iter().map(|p| &p.field));
    let fields = types.iter().flat_map(|def| match def {
        TypeDef::Struct(s) if s.validated => s.fields.as_slice(),
        _ => &[],
    });
    let checked: BTreeSet<&str> = params.chain(fields).filter_map(|f| f.rules.pattern.as_deref()).collect();
    for pattern in patterns {
        pattern.checked = checked.contains(pattern.ident.as_str());
    }
}

/// The types reached from `roots`, through struct fields, arrays and maps.
fn reached<'a>(types: &'a [TypeDef], roots: impl IntoIterator<Item = &'a Type>) -> BTreeSet<TypeId> {
    let mut pending: Vec<&Type> = roots.into_iter().collect();
    let mut reached = BTreeSet::new();
    while let Some(ty) = pending.pop() {
        match ty {
            Type::Array(inner) | Type::Map(inner) => pending.push(inner),
            Type::Named(id) if reached.insert(*id) => {
                if let Some(TypeDef::Struct(s)) = types.get(id.0) {
                    pending.extend(s.fields.iter().map(|f| &f.ty));
                }
            }
            _ => {}
        }
    }
    reached
}

/// Decides which structs have checks in their `Validate` impl: those sent (responses are never
/// validated), with a rule of their own or containing a struct or closed enum that needs
/// checking, found by iterating to a fixed point (types may refer to each other in any
/// order). References ask the definition, so nothing is copied.
fn mark_validated(types: &mut [TypeDef]) {
    loop {
        let checked: Vec<bool> = types.iter().map(TypeDef::is_validated).collect();
        let needs_check = |ty: &Type| {
            let mut named = BTreeSet::new();
            named_in(ty, &mut named);
            named.iter().any(|id| checked.get(id.0).copied().unwrap_or(false))
        };
        let mut changed = false;
        for def in types.iter_mut() {
            if let TypeDef::Struct(s) = def
                && !s.validated
                && s.usage.sent
                && s.fields.iter().any(|f| !f.rules.is_empty() || needs_check(&f.ty))
            {
                s.validated = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

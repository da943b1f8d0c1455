//! The crate around the generated items: manifest, README, `lib.rs` and each service's
//! `mod.rs` from minijinja templates, and the runtime copied verbatim.
//!
//! Templates are compiled into the generator, so a build script using it needs no files
//! besides the spec.

use std::path::PathBuf;

use minijinja::Environment;
use serde::Serialize;

use super::{EmitError, Files, format_rust, with_header};
use crate::ir::Api;

const TEMPLATES: &[(&str, &str)] = &[
    ("Cargo.toml.j2", include_str!("../../../templates/Cargo.toml.j2")),
    ("README.md.j2", include_str!("../../../templates/README.md.j2")),
    ("lib.rs.j2", include_str!("../../../templates/lib.rs.j2")),
    ("service.rs.j2", include_str!("../../../templates/service.rs.j2")),
];

/// Hand-written support code, copied into `src/runtime/`.
const RUNTIME: &[(&str, &str)] = &[
    ("auth.rs", include_str!("../../../templates/runtime/auth.rs")),
    ("call.rs", include_str!("../../../templates/runtime/call.rs")),
    ("config.rs", include_str!("../../../templates/runtime/config.rs")),
    ("error.rs", include_str!("../../../templates/runtime/error.rs")),
    ("form.rs", include_str!("../../../templates/runtime/form.rs")),
    ("mod.rs", include_str!("../../../templates/runtime/mod.rs")),
    ("operation.rs", include_str!("../../../templates/runtime/operation.rs")),
    ("sensitive.rs", include_str!("../../../templates/runtime/sensitive.rs")),
    ("signer.rs", include_str!("../../../templates/runtime/signer.rs")),
    ("string_enum.rs", include_str!("../../../templates/runtime/string_enum.rs")),
    ("time.rs", include_str!("../../../templates/runtime/time.rs")),
    ("transport.rs", include_str!("../../../templates/runtime/transport.rs")),
    ("validate.rs", include_str!("../../../templates/runtime/validate.rs")),
];

/// Runnable examples, copied into `examples/` when the spec has the service each one uses.
const EXAMPLES: &[(&str, &str, &str)] =
    &[("list_notebooks.rs", "modelarts", include_str!("../../../templates/examples/list_notebooks.rs"))];

/// What the templates see of a service.
#[derive(Serialize)]
struct ServiceView<'a> {
    module: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    api_version: &'a str,
    endpoint: &'a str,
    sources: &'a [String],
    has_types: bool,
    operations: Vec<OperationView<'a>>,
}

#[derive(Serialize)]
struct OperationView<'a> {
    method: &'a str,
    path: &'a str,
    summary: &'a str,
    request: String,
}

pub(super) fn render(api: &Api) -> Result<Files, EmitError> {
    let mut env = Environment::new();
    env.set_keep_trailing_newline(true);
    for (name, source) in TEMPLATES {
        env.add_template(name, source).map_err(|err| template_error(name, err))?;
    }
    let services: Vec<ServiceView> = api
        .services
        .iter()
        .map(|s| ServiceView {
            module: &s.module,
            title: &s.title,
            description: s.description.as_deref(),
            api_version: &s.api_version,
            endpoint: &s.endpoint,
            sources: &s.sources,
            has_types: !s.types.is_empty(),
            operations: s
                .operations
                .iter()
                .map(|op| OperationView {
                    method: &op.method,
                    path: &op.path_template,
                    summary: &op.summary,
                    request: format!("{}Request", op.type_prefix),
                })
                .collect(),
        })
        .collect();

    let mut files = Files::new();
    let examples: Vec<(&str, &str, &str)> =
        EXAMPLES.iter().filter(|(_, service, _)| api.services.iter().any(|s| s.module == *service)).copied().collect();
    let example_views: Vec<_> = examples
        .iter()
        .map(|(file, service, _)| minijinja::context! { name => file.trim_end_matches(".rs"), service => service })
        .collect();
    let crate_context = minijinja::context! { services => &services, examples => &example_views };
    files.insert("Cargo.toml".into(), render_one(&env, "Cargo.toml.j2", &crate_context)?);
    files.insert("README.md".into(), render_one(&env, "README.md.j2", &crate_context)?);
    let lib = render_one(&env, "lib.rs.j2", &crate_context)?;
    files.insert("src/lib.rs".into(), with_header("spec/", &format_rust(&PathBuf::from("src/lib.rs"), &lib)?));
    for (service, view) in api.services.iter().zip(&services) {
        let path = PathBuf::from("src").join(&service.module).join("mod.rs");
        let text = render_one(&env, "service.rs.j2", &minijinja::context! { service => view })?;
        let origin = format!("spec/{}", service.spec_file);
        files.insert(path.clone(), with_header(&origin, &format_rust(&path, &text)?));
    }
    for (name, _, source) in &examples {
        let origin = format!("templates/examples/{name}");
        files.insert(PathBuf::from("examples").join(name), with_header(&origin, source));
    }
    for (name, source) in RUNTIME {
        let origin = format!("templates/runtime/{name}");
        files.insert(PathBuf::from("src/runtime").join(name), with_header(&origin, source));
    }
    Ok(files)
}

fn render_one(env: &Environment, name: &str, context: &minijinja::Value) -> Result<String, EmitError> {
    env.get_template(name).and_then(|template| template.render(context)).map_err(|err| template_error(name, err))
}

fn template_error(name: &str, err: minijinja::Error) -> EmitError {
    EmitError { file: PathBuf::from("templates").join(name), message: err.to_string() }
}

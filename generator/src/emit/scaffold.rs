//! The crate around the generated items: the manifest and README from minijinja templates,
//! `lib.rs` and each service's `mod.rs` built like the other Rust files, and the runtime
//! copied verbatim.
//!
//! Every value a template prints is escaped for the template's target by one formatter
//! (Markdown for `*.md.j2`, TOML for `*.toml.j2`), so no spec text needs a filter to be safe;
//! `code` renders a code span. Rust files are never made from template text: a title with a
//! newline cannot end a comment there. Templates are compiled into the generator, so a build
//! script using it needs no files besides the spec.

use minijinja::{AutoEscape, Environment, State, Value};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde::Serialize;

use super::{EmitError, Files, docs, with_header};
use crate::ir::{Api, Service};

const TEMPLATES: &[(&str, &str)] = &[
    ("Cargo.toml.j2", include_str!("../../../templates/Cargo.toml.j2")),
    ("README.md.j2", include_str!("../../../templates/README.md.j2")),
];

/// Hand-written support code, copied into `src/runtime/`.
const RUNTIME: &[(&str, &str)] = &[
    ("auth.rs", include_str!("../../../templates/runtime/auth.rs")),
    ("call.rs", include_str!("../../../templates/runtime/call.rs")),
    ("config.rs", include_str!("../../../templates/runtime/config.rs")),
    ("enums.rs", include_str!("../../../templates/runtime/enums.rs")),
    ("error.rs", include_str!("../../../templates/runtime/error.rs")),
    ("form.rs", include_str!("../../../templates/runtime/form.rs")),
    ("metadata.rs", include_str!("../../../templates/runtime/metadata.rs")),
    ("mock.rs", include_str!("../../../templates/runtime/mock.rs")),
    ("mod.rs", include_str!("../../../templates/runtime/mod.rs")),
    ("operation.rs", include_str!("../../../templates/runtime/operation.rs")),
    ("percent.rs", include_str!("../../../templates/runtime/percent.rs")),
    ("sensitive.rs", include_str!("../../../templates/runtime/sensitive.rs")),
    ("signer.rs", include_str!("../../../templates/runtime/signer.rs")),
    ("time.rs", include_str!("../../../templates/runtime/time.rs")),
    ("transport.rs", include_str!("../../../templates/runtime/transport.rs")),
    ("validate.rs", include_str!("../../../templates/runtime/validate.rs")),
    ("wait.rs", include_str!("../../../templates/runtime/wait.rs")),
];

/// A runnable example, copied into `examples/` when the spec has the service it uses.
#[derive(Serialize, Clone, Copy)]
struct Example {
    name: &'static str,
    service: &'static str,
    /// The cargo features it needs besides its service's.
    features: &'static [&'static str],
    /// Its arguments, for the README's command line.
    arguments: &'static str,
    /// What it does, for the README.
    about: &'static str,
    #[serde(skip)]
    source: &'static str,
}

const EXAMPLES: &[Example] = &[
    Example {
        name: "list_notebooks",
        service: "modelarts",
        features: &[],
        arguments: " -- --endpoint URL [--limit N]",
        about: "reads `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`, `HUAWEICLOUD_SDK_PROJECT_ID` and, when set, \
                `HUAWEICLOUD_SDK_SECURITY_TOKEN`; prints every notebook across all pages, and exits 1 with the \
                error's message on failure",
        source: include_str!("../../../templates/examples/list_notebooks.rs"),
    },
    Example {
        name: "mock_notebooks",
        service: "modelarts",
        features: &["mock"],
        arguments: "",
        about: "lists the notebooks of the mock server, page by page from its documented example, with no \
                cloud account",
        source: include_str!("../../../templates/examples/mock_notebooks.rs"),
    },
];

/// What the templates see of a service.
#[derive(Serialize)]
struct ServiceView<'a> {
    module: &'a str,
    title: &'a str,
    api_version: &'a str,
    operations: Vec<OperationView<'a>>,
}

#[derive(Serialize)]
struct OperationView<'a> {
    method: &'static str,
    path: &'a str,
    summary: &'a str,
    request: &'a str,
}

/// The manifest, the README, the examples and the runtime.
pub(super) fn render(api: &Api) -> Result<Files, EmitError> {
    let env = environment()?;
    let services: Vec<ServiceView> = api
        .services
        .iter()
        .map(|s| ServiceView {
            module: &s.module,
            title: &s.title,
            api_version: &s.api_version,
            operations: s
                .operations
                .iter()
                .map(|op| OperationView {
                    method: op.method.as_str(),
                    path: &op.path_template,
                    summary: &op.summary,
                    request: &op.request_ident,
                })
                .collect(),
        })
        .collect();

    let mut files = Files::new();
    let examples: Vec<Example> =
        EXAMPLES.iter().filter(|example| api.services.iter().any(|s| s.module == example.service)).copied().collect();
    let crate_context = minijinja::context! { services => &services, examples => &examples };
    files.insert("Cargo.toml".into(), render_one(&env, "Cargo.toml.j2", &crate_context)?);
    files.insert("README.md".into(), render_one(&env, "README.md.j2", &crate_context)?);
    for example in &examples {
        let name = format!("{}.rs", example.name);
        let origin = format!("templates/examples/{name}");
        files.insert(std::path::PathBuf::from("examples").join(name), with_header(&origin, example.source));
    }
    for (name, source) in RUNTIME {
        let origin = format!("templates/runtime/{name}");
        files.insert(std::path::PathBuf::from("src/runtime").join(name), with_header(&origin, source));
    }
    Ok(files)
}

fn environment() -> Result<Environment<'static>, EmitError> {
    let mut env = Environment::new();
    env.set_keep_trailing_newline(true);
    env.set_auto_escape_callback(|name| match name.rsplit_once('.').map(|(stem, _)| stem) {
        Some(stem) if stem.ends_with(".md") => AutoEscape::Custom("markdown"),
        Some(stem) if stem.ends_with(".toml") => AutoEscape::Custom("toml"),
        _ => AutoEscape::None,
    });
    env.set_formatter(escape_for_target);
    env.add_filter("code", |text: String| Value::from_safe_string(docs::code(&text)));
    for (name, source) in TEMPLATES {
        env.add_template(name, source).map_err(|err| template_error(name, err))?;
    }
    Ok(env)
}

/// Prints a value in a template, escaped for the template's target; numbers and values marked
/// safe (a `code` span) as they are.
fn escape_for_target(out: &mut minijinja::Output, state: &State, value: &Value) -> Result<(), minijinja::Error> {
    let escape: fn(&str) -> String = match state.auto_escape() {
        AutoEscape::Custom("markdown") => docs::markdown_inline,
        AutoEscape::Custom("toml") => docs::toml_string,
        _ => return minijinja::escape_formatter(out, state, value),
    };
    match value.as_str() {
        Some(text) if !value.is_safe() => out.write_str(&escape(text)),
        _ => out.write_str(&value.to_string()),
    }
    .map_err(|err| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, err.to_string()))
}

fn render_one(env: &Environment, name: &str, context: &Value) -> Result<String, EmitError> {
    env.get_template(name).and_then(|template| template.render(context)).map_err(|err| template_error(name, err))
}

fn template_error(name: &str, err: minijinja::Error) -> EmitError {
    EmitError { file: std::path::PathBuf::from("templates").join(name), message: err.to_string() }
}

/// `src/lib.rs`: the crate docs listing the services, `missing_docs` warned, the runtime, and
/// one module per service behind its feature. Service modules are skipped by rustfmt, so `cargo fmt --all` leaves the
/// generated files as the generator wrote them.
pub(super) fn lib_rs(api: &Api) -> TokenStream {
    // Names, not links: a link to a module whose feature is off would be broken, and rustdoc
    // lists (and links) the modules that are built below the crate's docs anyway.
    let mut listing = vec!["One module per service, each behind a cargo feature of the same name:".to_string()];
    listing.extend(api.services.iter().map(|s| {
        let count = s.operations.len();
        format!("- `{}`: {}, {count} operation(s).", s.module, docs::escape(&s.title))
    }));
    let doc = docs::inner_doc(&[
        "Typed, validated client for Huawei Cloud APIs, generated from their API reference.".into(),
        listing.join("\n"),
        "The [`runtime`] holds what every operation shares: validation, redaction of secrets and request rendering."
            .into(),
    ]);
    let modules = api.services.iter().map(|s| {
        let (feature, module) = (&s.module, format_ident!("{}", s.module));
        quote! {
            #[cfg(feature = #feature)]
            #[rustfmt::skip]
            pub mod #module;
        }
    });
    // Every public item is documented, so a consumer's `missing_docs` stays quiet; the lint
    // keeps it so.
    quote! {
        #doc
        #![warn(missing_docs)]
        pub mod runtime;
        #[cfg(feature = "mock")]
        #[rustfmt::skip]
        pub mod mock;
        #(#modules)*
    }
}

/// A service's `mod.rs`: its docs and sources, and its files re-exported.
pub(super) fn service_mod(service: &Service) -> TokenStream {
    let mut paragraphs =
        vec![format!("{} (API {}).", docs::escape(&service.title), docs::escape(&service.api_version))];
    paragraphs.extend(service.description.as_deref().map(docs::escape));
    paragraphs.push(format!("Default endpoint: {}.", docs::code(&service.endpoint)));
    if !service.sources.is_empty() {
        let items = service.sources.iter().map(|source| format!("- {}", docs::escape(source)));
        paragraphs.push(std::iter::once("Transcribed from:".to_string()).chain(items).collect::<Vec<_>>().join("\n"));
    }
    let doc = docs::inner_doc(&paragraphs);
    let has_client = !service.operations.is_empty();
    let files: Vec<_> = [("client", has_client), ("operations", has_client), ("types", !service.types.is_empty())]
        .into_iter()
        .filter(|(_, present)| *present)
        .map(|(name, _)| format_ident!("{name}"))
        .collect();
    // The builders keep a module of their own: one page per operation in the docs, and the
    // service's module page lists its types and requests rather than them too.
    let builders = has_client.then(|| {
        quote!(
            pub mod builders;
            #[cfg(feature = "mock")]
            pub(crate) mod mock;
        )
    });
    quote! {
        #doc
        #builders
        #(mod #files;)*
        #(pub use #files::*;)*
    }
}

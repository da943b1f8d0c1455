//! The one classification engine `diff` and `drift` share. It destructures every IR struct it
//! compares, naming each field it leaves out and why, so a fact added to the IR later fails to
//! compile here until someone decides what changing it means.

use std::collections::BTreeSet;

use super::{Change, Decision, Impact, by};
use crate::ir::{
    Accessor, Argument, Body, Bounds, ClientDefault, Enum, EnumValue, Field, Format, Number, Operation, OutputField,
    Pagination, Param, ParamIn, Provenance, Response, Rules, Service, Starts, Struct, Type, TypeDef, TypeId,
    ValuesFrom, Waiter,
};
use crate::prose::same_words;

/// What the two sides are, which decides how types are matched and which facts count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// Two versions of a spec: every fact counts, and types are matched by name (a renamed
    /// type is one removed and one added).
    ByName,
    /// A page's draft (old side: the spec; new side: the page): only facts a page states
    /// count, and types are matched by place (the type a field holds on one side is compared
    /// with the type the same field holds on the other), since the curated spec names types
    /// its own way. Facts only the spec holds (paging, typed accessors, sensitivity, client
    /// defaults, where a row or an enum's values come from, enum openness) are not compared.
    ByPlace,
}

/// Who reads a field, which decides what a change to it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Sent in requests and validated before: tightening a rule breaks callers.
    Sent,
    /// Read from responses, which are never validated.
    Received,
    /// Documented only (response headers, error bodies): the client neither sends nor reads it.
    Documented,
}

impl Role {
    /// A change to a field's Rust type or name, or a removal.
    fn reshaped(self) -> Impact {
        if self == Role::Documented { Impact::Documentation } else { Impact::Breaking }
    }

    /// A rule that now rejects values it accepted.
    fn tightened(self) -> Impact {
        match self {
            Role::Sent => Impact::Breaking,
            Role::Received => Impact::Additive,
            Role::Documented => Impact::Documentation,
        }
    }

    /// A rule that now accepts more, or something optional added.
    fn loosened(self) -> Impact {
        if self == Role::Documented { Impact::Documentation } else { Impact::Additive }
    }

    /// A field added: callers must set a required one they send.
    fn added(self, required: bool) -> Impact {
        if self == Role::Sent && required { Impact::Breaking } else { self.loosened() }
    }
}

pub struct Compare<'a> {
    old: &'a Service,
    new: &'a Service,
    matching: Match,
    /// [`Match::ByName`]: the types requests carry, on either side.
    sent: BTreeSet<&'a str>,
    /// [`Match::ByPlace`]: pairs of types already compared, so a type reached twice is
    /// reported once and a recursive type ends.
    compared: BTreeSet<(TypeId, TypeId)>,
    changes: Vec<Change>,
    /// [`Match::ByPlace`]: the spec's recorded departures from the page.
    decisions: Vec<Decision>,
    /// [`Match::ByPlace`]: the page's file name, for `absent` records.
    page: Option<&'a str>,
    /// Whether descriptions are compared; not when the page's have not changed since the
    /// spec's were settled against them.
    prose: bool,
}

impl<'a> Compare<'a> {
    pub fn new(old: &'a Service, new: &'a Service, matching: Match) -> Self {
        let sent = sent_types(old).union(&sent_types(new)).copied().collect();
        Compare {
            old,
            new,
            matching,
            sent,
            compared: BTreeSet::new(),
            changes: Vec::new(),
            decisions: Vec::new(),
            page: None,
            prose: true,
        }
    }

    /// Every change from the old service to the new.
    pub fn service(mut self) -> Vec<Change> {
        let Service {
            module,
            title: old_title,
            description: old_description,
            api_version: old_version,
            endpoint: old_endpoint,
            sources: old_sources,
            // Where the spec lives is not part of the API.
            spec_file: _,
            // Compared where fields use them, by regex: their idents are the generator's.
            patterns: _,
            types: old_types,
            operations: old_operations,
        } = self.old;
        let Service {
            module: _,
            title,
            description,
            api_version,
            endpoint,
            sources,
            spec_file: _,
            patterns: _,
            types,
            operations,
        } = self.new;
        self.described(module, "title", Some(old_title), Some(title));
        self.described(module, "description", old_description.as_ref(), description.as_ref());
        self.documented(module, "API version", Some(old_version), Some(api_version));
        self.documented(module, "sources", Some(&old_sources.join("; ")), Some(&sources.join("; ")));
        if old_endpoint != endpoint {
            self.push(Impact::Breaking, module, format!("default endpoint {old_endpoint} → {endpoint}"));
        }

        let (old_ops, new_ops) = (by(old_operations, |o| &o.id), by(operations, |o| &o.id));
        for (id, old_op) in &old_ops {
            let path = format!("{module}/{id}");
            match new_ops.get(id) {
                Some(new_op) => self.operation_at(&path, old_op, new_op),
                None => self.push(Impact::Breaking, &path, "operation removed"),
            }
        }
        for (id, op) in new_ops.iter().filter(|(id, _)| !old_ops.contains_key(*id)) {
            let change = format!("operation added: {} {}", op.method, op.path_template);
            self.push(Impact::Additive, &format!("{module}/{id}"), change);
        }

        if self.matching == Match::ByName {
            let (old_types, new_types) = (by(old_types, TypeDef::ident), by(types, TypeDef::ident));
            for (ident, old_type) in &old_types {
                let path = format!("{module}/{ident}");
                let role = if self.sent.contains(ident) { Role::Sent } else { Role::Received };
                match new_types.get(ident) {
                    None => self.push(Impact::Breaking, &path, "type removed"),
                    Some(new_type) => {
                        if !self.type_def(&path, old_type, new_type, role) {
                            self.push(Impact::Breaking, &path, "changed between struct and enum");
                        }
                    }
                }
            }
            for ident in new_types.keys().filter(|ident| !old_types.contains_key(*ident)) {
                self.push(Impact::Additive, &format!("{module}/{ident}"), "type added");
            }
        }
        self.changes
    }

    /// The page the new side was drafted from (its file name).
    pub fn on_page(mut self, file: &'a str) -> Self {
        self.page = Some(file);
        self
    }

    /// Leaves descriptions out: the page's are as they were when the spec's were settled
    /// (rewritten, translated) against them.
    pub fn settled_prose(mut self) -> Self {
        self.prose = false;
        self
    }

    /// Every change from one operation to another, at `path` (`ecs/create_servers`), and, by
    /// place, the spec's recorded decisions met on the way.
    pub fn operation(mut self, path: &str, old: &Operation, new: &Operation) -> (Vec<Change>, Vec<Decision>) {
        self.operation_at(path, old, new);
        (self.changes, self.decisions)
    }

    fn operation_at(&mut self, path: &str, old: &Operation, new: &Operation) {
        let Operation {
            // The key the two sides were matched by.
            id: _,
            request_ident: old_request,
            builder_ident: old_builder,
            summary: old_summary,
            description: old_description,
            method: old_method,
            path_template: old_template,
            // The template's segments, compared as the template.
            path: _,
            params: old_params,
            body: old_body,
            responses: old_responses,
            // Follows from the responses' headers, compared there.
            headers: _,
            pagination: old_pagination,
            waiter: old_waiter,
            starts: old_starts,
            source: old_source,
            example_requests: old_examples,
            // The spec's record for `drift` ([`Compare::settled_prose`]), not part of the API.
            page_text: _,
        } = old;
        let Operation {
            id: _,
            request_ident,
            builder_ident,
            summary,
            description,
            method,
            path_template,
            path: _,
            params,
            body,
            responses,
            headers: _,
            pagination,
            waiter,
            starts,
            source,
            example_requests,
            page_text: _,
        } = new;
        if (old_method, old_template) != (method, path_template) {
            self.push(Impact::Breaking, path, format!("{old_method} {old_template} → {method} {path_template}"));
        }
        let by_name = self.matching == Match::ByName;
        if by_name && (old_request, old_builder) != (request_ident, builder_ident) {
            let change =
                format!("request type and builder {old_request}, {old_builder} → {request_ident}, {builder_ident}");
            self.push(Impact::Breaking, path, change);
        }
        self.params(path, old_params, params);
        self.body(path, old_body.as_ref(), body.as_ref());
        self.responses(path, old_responses, responses);
        if by_name {
            self.pagination(path, old_pagination.as_ref(), pagination.as_ref());
            self.waiter(path, old_waiter.as_ref(), waiter.as_ref());
            self.starts(path, old_starts.as_ref(), starts.as_ref());
            // By place, the source is what the two sides were matched by.
            self.documented(path, "source", Some(old_source), Some(source));
        }
        self.described(path, "summary", Some(old_summary), Some(summary));
        self.described(path, "description", old_description.as_ref(), description.as_ref());
        self.documented(path, "request examples", Some(&old_examples.join("\n")), Some(&example_requests.join("\n")));
    }

    fn params(&mut self, path: &str, old: &[Param], new: &[Param]) {
        let (old_params, new_params) = (by(old, |p| self.key(&p.field)), by(new, |p| p.field.wire.as_str()));
        for (wire, old_param) in &old_params {
            let path = format!("{path}/{wire}");
            let new_param = new_params.get(wire).copied();
            let Some(new_param) = new_param.filter(|p| self.matched(&path, &old_param.field, Some(&p.field)).is_some())
            else {
                self.matched(&path, &old_param.field, None);
                if !(self.matching == Match::ByPlace && old_param.field.provenance.from_sdk) {
                    self.push(Impact::Breaking, &path, "removed");
                }
                continue;
            };
            let Param {
                location: old_location,
                field: old_field,
                setter: old_setter,
                option_setter: old_option_setter,
                client_default: old_default,
            } = old_param;
            let Param { location, field, setter, option_setter, client_default } = new_param;
            if self.matching == Match::ByName {
                if (old_setter, old_option_setter) != (setter, option_setter) {
                    let change =
                        format!("setters {old_setter}(), {old_option_setter}() → {setter}(), {option_setter}()");
                    self.push(Impact::Breaking, &path, change);
                }
                match (old_default, client_default) {
                    (Some(ClientDefault::ProjectId), None) => {
                        self.push(Impact::Breaking, &path, "no longer taken from the client's project")
                    }
                    (None, Some(ClientDefault::ProjectId)) => {
                        self.push(Impact::Additive, &path, "taken from the client's project when unset")
                    }
                    (Some(ClientDefault::ProjectId), Some(ClientDefault::ProjectId)) | (None, None) => {}
                }
            }
            self.field(&path, old_field, field, Role::Sent, Some((*old_location, *location)));
        }
        for (wire, param) in new_params.iter().filter(|(wire, _)| !old_params.contains_key(*wire)) {
            let callers_set_it = param.field.required && param.client_default.is_none();
            let change = format!("added ({})", self.field_type(self.new, &param.field));
            self.push(Role::Sent.added(callers_set_it), &format!("{path}/{wire}"), change);
        }
    }

    fn body(&mut self, path: &str, old: Option<&Body>, new: Option<&Body>) {
        let type_name =
            |service: &Service, body: Option<&Body>| body.map_or("none".into(), |b| service.type_name(&b.ty));
        let (Some(old_body), Some(new_body)) = (old, new) else {
            if old.is_some() || new.is_some() {
                let change = format!("request body {} → {}", type_name(self.old, old), type_name(self.new, new));
                self.push(Impact::Breaking, path, change);
            }
            return;
        };
        let Body { ty: old_ty, description: old_description, multipart: old_multipart } = old_body;
        let Body { ty, description, multipart } = new_body;
        if !self.ty(&format!("{path}/body"), old_ty, ty, Role::Sent) {
            let change = format!("request body {} → {}", type_name(self.old, old), type_name(self.new, new));
            self.push(Impact::Breaking, path, change);
        }
        if old_multipart != multipart {
            let encoding = |multipart: bool| if multipart { "multipart/form-data" } else { "JSON" };
            let change = format!("request body sent as {} → {}", encoding(*old_multipart), encoding(*multipart));
            self.push(Impact::Breaking, path, change);
        }
        self.described(path, "request body description", old_description.as_ref(), description.as_ref());
    }

    /// The output (the first success response with a body, which calls return), then each
    /// documented status.
    fn responses(&mut self, path: &str, old: &[Response], new: &[Response]) {
        let (old_output, new_output) = (output(old), output(new));
        let same_output = match (old_output, new_output) {
            (Some((_, old_ty)), Some((_, ty))) => self.ty(&format!("{path}/response"), old_ty, ty, Role::Received),
            (None, None) => true,
            _ => false,
        };
        if !same_output {
            let show = |service: &Service, output: Option<(u16, &Type)>| {
                output.map_or("none".into(), |(_, ty)| service.type_name(ty))
            };
            let change = format!("response body {} → {}", show(self.old, old_output), show(self.new, new_output));
            self.push(Impact::Breaking, path, change);
        }

        let (old_statuses, new_statuses) = (by(old, |r| r.status), by(new, |r| r.status));
        for (status, old_response) in &old_statuses {
            let Some(new_response) = new_statuses.get(status) else {
                self.push(Impact::Documentation, path, format!("response {status} no longer documented"));
                continue;
            };
            let Response {
                status: _,
                description: old_description,
                body: old_body,
                headers: old_headers,
                examples: old_examples,
            } = old_response;
            let Response { status: _, description, body, headers, examples } = new_response;
            let is_output = |output: Option<(u16, &Type)>| output.is_some_and(|(s, _)| s == *status);
            // The output was compared above; other bodies (errors) the client does not decode.
            if !(is_output(old_output) && is_output(new_output)) {
                let same = match (old_body, body) {
                    // The page documents no body here; the spec gives one (another status's).
                    (Some(old_ty), None) if self.matching == Match::ByPlace => {
                        self.decisions.push(Decision {
                            path: format!("{path}/response {status}"),
                            fact: "body".into(),
                            page_then: "none".into(),
                            page_now: "none".into(),
                            spec: self.old.type_name(old_ty),
                            note: Some(
                                "the page documents no body for this status; the spec's is another status's".into(),
                            ),
                        });
                        true
                    }
                    (Some(old_ty), Some(ty)) => {
                        self.ty(&format!("{path}/response {status}"), old_ty, ty, Role::Documented)
                    }
                    (old_body, body) => old_body.is_none() && body.is_none(),
                };
                if !same {
                    let show = |service: &Service, body: &Option<Type>| {
                        body.as_ref().map_or("none".into(), |ty| service.type_name(ty))
                    };
                    let change =
                        format!("response {status} body {} → {}", show(self.old, old_body), show(self.new, body));
                    self.push(Impact::Documentation, path, change);
                }
            }
            self.fields(&format!("{path}/response {status} header"), old_headers, headers, Role::Documented);
            let what = format!("response {status} description");
            self.described(path, &what, old_description.as_ref(), description.as_ref());
            let what = format!("response {status} examples");
            self.documented(path, &what, Some(&old_examples.join("\n")), Some(&examples.join("\n")));
        }
        for status in new_statuses.keys().filter(|status| !old_statuses.contains_key(*status)) {
            self.push(Impact::Additive, path, format!("response {status} documented"));
        }
    }

    /// Paging gives a call `into_stream()`; gaining it is additive, losing or changing it breaking.
    fn pagination(&mut self, path: &str, old: Option<&Pagination>, new: Option<&Pagination>) {
        match (old, new) {
            (None, None) => {}
            (Some(_), None) => self.push(Impact::Breaking, path, "no longer paginated: into_stream() removed"),
            (None, Some(new)) => {
                let change = format!("paginated ({}): into_stream() added", paging_text(self.new, new));
                self.push(Impact::Additive, path, change);
            }
            (Some(old), Some(new)) => {
                let (old_text, new_text) = (paging_text(self.old, old), paging_text(self.new, new));
                if old_text != new_text {
                    self.push(Impact::Breaking, path, format!("pagination {old_text} → {new_text}"));
                }
            }
        }
    }

    /// A waiter's method is API; what its states mean is behaviour code relies on, so a
    /// changed state is breaking, while new default timings only change how long it waits.
    fn waiter(&mut self, path: &str, old: Option<&Waiter>, new: Option<&Waiter>) {
        let list = |states: &[String]| if states.is_empty() { "none".to_string() } else { states.join(", ") };
        let states = |w: &Waiter| {
            format!("success {}; failure {}; pending {}", list(&w.success), list(&w.failure), list(&w.pending))
        };
        match (old, new) {
            (None, None) => {}
            (Some(old), None) => self.push(Impact::Breaking, path, format!("{}() removed", old.method)),
            (None, Some(new)) => self.push(Impact::Additive, path, format!("{}() added ({})", new.method, states(new))),
            (Some(old), Some(new)) => {
                if old.method != new.method {
                    self.push(Impact::Breaking, path, format!("{}() → {}()", old.method, new.method));
                }
                let reads = |w: &Waiter| {
                    let field = |f: &Option<OutputField>| f.as_ref().map_or("none".to_string(), |f| f.wire.clone());
                    format!("state {}, reason {}, error code {}", w.state.wire, field(&w.reason), field(&w.error_code))
                };
                let changes = [("states", states(old), states(new)), ("reads", reads(old), reads(new))];
                for (what, old_text, new_text) in changes {
                    if old_text != new_text {
                        self.push(Impact::Breaking, path, format!("{}() {what} {old_text} → {new_text}", new.method));
                    }
                }
                let timing =
                    |w: &Waiter| format!("every {} s at first, for at most {} s", w.delay_seconds, w.max_wait_seconds);
                if timing(old) != timing(new) {
                    self.push(
                        Impact::Additive,
                        path,
                        format!("{}() waits {} → {}", new.method, timing(old), timing(new)),
                    );
                }
            }
        }
    }

    /// Where a started job's polling request comes from.
    fn starts(&mut self, path: &str, old: Option<&Starts>, new: Option<&Starts>) {
        let text = |s: &Starts| {
            let arguments: Vec<String> = s
                .arguments
                .iter()
                .map(|(param, argument)| match argument {
                    Argument::Parameter { ident, .. } => format!("{param} ← {ident}"),
                    Argument::Output { field, .. } => format!("{param} ← response {}", field.wire),
                    Argument::Unset => format!("{param} unset"),
                })
                .collect();
            format!("polls {} ({})", s.poll_id, arguments.join(", "))
        };
        match (old, new) {
            (None, None) => {}
            (Some(old), None) => self.push(Impact::Breaking, path, format!("{}() removed", old.method)),
            (None, Some(new)) => self.push(Impact::Additive, path, format!("{}() added ({})", new.method, text(new))),
            (Some(old), Some(new)) if (&old.method, text(old)) != (&new.method, text(new)) => {
                let change = format!("{}() {} → {}() {}", old.method, text(old), new.method, text(new));
                self.push(Impact::Breaking, path, change);
            }
            (Some(_), Some(_)) => {}
        }
    }

    /// Struct fields, parameters' fields or response headers, matched by wire name (by place,
    /// a spec row that records the page's name for it is matched by that name).
    fn fields(&mut self, path: &str, old: &[Field], new: &[Field], role: Role) {
        let (old_fields, new_fields) = (by(old, |f| self.key(f)), by(new, |f| f.wire.as_str()));
        for (wire, old_field) in &old_fields {
            let path = format!("{path}/{wire}");
            let new_field = new_fields.get(wire).copied();
            let absent = self.absent_here(&path, old_field, new_field.is_some());
            if let Some(new_field) = self.matched(&path, old_field, new_field) {
                self.field(&path, old_field, new_field, role, None);
            } else if !(absent || self.matching == Match::ByPlace && old_field.provenance.from_sdk) {
                self.push(role.reshaped(), &path, "removed");
            }
        }
        for (wire, field) in new_fields.iter().filter(|(wire, _)| !old_fields.contains_key(*wire)) {
            let change = format!("added ({})", self.field_type(self.new, field));
            self.push(role.added(field.required), &format!("{path}/{wire}"), change);
        }
    }

    /// By place, whether the spec records that this page lacks the row (`page: { absent:
    /// 004 }`, for a row of a type several pages share): a decision, which the page changed
    /// when it documents the row now.
    fn absent_here(&mut self, path: &str, old: &Field, documented: bool) -> bool {
        let Some((_, pages)) = old.provenance.page.iter().find(|(key, _)| key == "absent") else { return false };
        if !self.on_this_page(pages) {
            return false;
        }
        let state = |documented: bool| if documented { "documented" } else { "not documented" }.to_string();
        self.decisions.push(Decision {
            path: path.to_string(),
            fact: "row".into(),
            page_then: state(false),
            page_now: state(documented),
            spec: "documented by the other pages sharing the type".into(),
            note: old.provenance.note.clone(),
        });
        true
    }

    /// By place, whether the page drifted is one of `pages`: file name prefixes (`000, 001`).
    fn on_this_page(&self, pages: &str) -> bool {
        let Some(page) = self.page.filter(|_| self.matching == Match::ByPlace) else { return false };
        pages.split([',', ' ']).filter(|p| !p.is_empty()).any(|prefix| page.starts_with(prefix))
    }

    /// The name a field is matched by: by place, the page's name when the spec records one.
    fn key<'f>(&self, field: &'f Field) -> &'f str {
        let recorded = field.provenance.page.iter().find(|(key, _)| key == "name").map(|(_, name)| name.as_str());
        match self.matching {
            Match::ByPlace => recorded.unwrap_or(&field.wire),
            Match::ByName => &field.wire,
        }
    }

    /// The new side's field for an old one, if any; by place, a spec row taken from the SDK
    /// is a decision (the page did not document it), which the page may since have changed.
    fn matched<'f>(&mut self, path: &str, old: &Field, new: Option<&'f Field>) -> Option<&'f Field> {
        if self.matching == Match::ByPlace && old.provenance.from_sdk {
            let documented = |yes: bool| if yes { "documented" } else { "not documented" }.to_string();
            self.decisions.push(Decision {
                path: path.to_string(),
                fact: "row".into(),
                page_then: documented(false),
                page_now: documented(new.is_some()),
                spec: "taken from the SDK".into(),
                note: old.provenance.note.clone(),
            });
        }
        new
    }

    /// One field; `location` is a parameter's, old and new.
    fn field(&mut self, path: &str, old: &Field, new: &Field, role: Role, location: Option<(ParamIn, ParamIn)>) {
        let Field {
            // The key the two sides were matched by.
            wire: _,
            ident: old_ident,
            ty: old_ty,
            required: old_required,
            description: old_description,
            rules: old_rules,
            sensitive: old_sensitive,
            default: old_default,
            format: old_format,
            provenance: old_provenance,
        } = old;
        let Field { wire: _, ident, ty, required, description, rules, sensitive, default, format, provenance } = new;
        let by_name = self.matching == Match::ByName;
        // By place, the facts the spec records the page stating are decisions, not drift.
        let recorded = if by_name { BTreeSet::new() } else { self.decisions_of(path, old, new, location) };
        let compares = |fact: &str| !recorded.contains(fact);
        if let Some((old_location, location)) = location.filter(|(old, new)| old != new && compares("in")) {
            let change = format!("sent in {} → {}", location_name(old_location), location_name(location));
            self.push(Impact::Breaking, path, change);
        }
        if by_name && old_ident != ident {
            self.push(role.reshaped(), path, format!("Rust name {old_ident} → {ident}"));
        }
        let same_type = !compares("type") || self.ty(path, old_ty, ty, role);
        if !same_type || (by_name && old_sensitive != sensitive) {
            let change = format!("type {} → {}", self.field_type(self.old, old), self.field_type(self.new, new));
            self.push(role.reshaped(), path, change);
        } else if old_required != required && compares("required") {
            let change = if *required { "now required" } else { "no longer required" };
            self.push(role.reshaped(), path, change);
        }
        let unrecorded = |rules: &Rules| Rules {
            pattern: rules.pattern.clone().filter(|_| compares("pattern")),
            length: rules.length.filter(|_| compares("min_length") && compares("max_length")),
            range: rules.range.filter(|_| compares("minimum") && compares("maximum")),
            items: rules.items.filter(|_| compares("min_items") && compares("max_items")),
        };
        self.rules(path, &unrecorded(old_rules), &unrecorded(rules), role);
        if by_name {
            self.accessor(path, old_format.as_ref(), format.as_ref(), role);
            self.documented(
                path,
                "provenance",
                provenance_text(old_provenance).as_ref(),
                provenance_text(provenance).as_ref(),
            );
        }
        if compares("default") {
            self.documented(path, "default", old_default.as_ref(), default.as_ref());
        }
        if compares("description") {
            self.described(path, "description", old_description.as_ref(), description.as_ref());
        }
    }

    /// By place: a decision for each fact the spec row records the page stating, holding
    /// when the page still states it; the keys of those facts.
    fn decisions_of(
        &mut self,
        path: &str,
        old: &Field,
        new: &Field,
        location: Option<(ParamIn, ParamIn)>,
    ) -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        let record = &old.provenance.page;
        if record.iter().any(|(key, pages)| key == "on" && !self.on_this_page(pages)) {
            return keys;
        }
        for (fact, page_then) in record.iter().filter(|(fact, _)| !matches!(fact.as_str(), "absent" | "on")) {
            let page_now = page_fact(self.new, new, location.map(|(_, new)| new), fact);
            self.decisions.push(Decision {
                path: path.to_string(),
                fact: fact.clone(),
                page_then: page_then.clone(),
                page_now,
                spec: page_fact(self.old, old, location.map(|(old, _)| old), fact),
                note: old.provenance.note.clone(),
            });
            keys.insert(fact.clone());
        }
        keys
    }

    /// A typed accessor (`spec_json()`, `create_time_parsed()`) is public API.
    fn accessor(&mut self, path: &str, old: Option<&Accessor>, new: Option<&Accessor>, role: Role) {
        let show = |accessor: Option<&Accessor>| {
            accessor.map_or("none".into(), |a| format!("{}() ({})", a.method, format_name(a.format)))
        };
        let impact = match (old, new) {
            _ if old == new => return,
            (None, Some(_)) => role.loosened(),
            _ => role.reshaped(),
        };
        self.push(impact, path, format!("accessor {} → {}", show(old), show(new)));
    }

    fn rules(&mut self, path: &str, old: &Rules, new: &Rules, role: Role) {
        let Rules { pattern: old_pattern, length: old_length, range: old_range, items: old_items } = old;
        let Rules { pattern, length, range, items } = new;
        let regex = |service: &'a Service, ident: &Option<String>| {
            ident.as_ref().and_then(|ident| service.patterns.iter().find(|p| &p.ident == ident)).map(|p| &p.regex)
        };
        let (old_regex, new_regex) = (regex(self.old, old_pattern), regex(self.new, pattern));
        if old_regex != new_regex {
            let show = |r: Option<&String>| r.cloned().unwrap_or_else(|| "none".into());
            let impact = if new_regex.is_none() { role.loosened() } else { role.tightened() };
            self.push(impact, path, format!("pattern {} → {}", show(old_regex), show(new_regex)));
        }
        let count = |b: &Option<Bounds<u64>>| b.map(|b| (b.min.map(|m| m as f64), b.max.map(|m| m as f64)));
        let number = |b: &Option<Bounds<Number>>| b.map(|b| (b.min.map(Number::as_f64), b.max.map(Number::as_f64)));
        for (name, old_bounds, new_bounds) in [
            ("length", count(old_length), count(length)),
            ("range", number(old_range), number(range)),
            ("item count", count(old_items), count(items)),
        ] {
            let (old_min, old_max) = old_bounds.unwrap_or((None, None));
            let (new_min, new_max) = new_bounds.unwrap_or((None, None));
            if (old_min, old_max) == (new_min, new_max) {
                continue;
            }
            let narrower_min = match (old_min, new_min) {
                (None, Some(_)) => true,
                (Some(old), Some(new)) => new > old,
                _ => false,
            };
            let narrower_max = match (old_max, new_max) {
                (None, Some(_)) => true,
                (Some(old), Some(new)) => new < old,
                _ => false,
            };
            let impact = if narrower_min || narrower_max { role.tightened() } else { role.loosened() };
            let (old, new) = (Bounds { min: old_min, max: old_max }, Bounds { min: new_min, max: new_max });
            self.push(impact, path, format!("{name} {old} → {new}"));
        }
    }

    /// Whether two types are the same. By name, named types are the same when their names
    /// are; by place, when their definitions are of the same kind, and their differences are
    /// reported at `path`.
    fn ty(&mut self, path: &str, old: &Type, new: &Type, role: Role) -> bool {
        match (old, new) {
            (Type::Array(old), Type::Array(new)) | (Type::Map(old), Type::Map(new)) => self.ty(path, old, new, role),
            (Type::Named(old), Type::Named(new)) => match self.matching {
                Match::ByName => self.old.type_def(*old).ident() == self.new.type_def(*new).ident(),
                Match::ByPlace => {
                    let (old_def, new_def) = (self.old.type_def(*old), self.new.type_def(*new));
                    let same_kind = matches!(
                        (old_def, new_def),
                        (TypeDef::Struct(_), TypeDef::Struct(_)) | (TypeDef::Enum(_), TypeDef::Enum(_))
                    );
                    if same_kind && self.compared.insert((*old, *new)) {
                        self.type_def(path, old_def, new_def, role);
                    }
                    same_kind
                }
            },
            // A String where the spec has an enum whose values come from the SDK or the
            // examples: `values_from` records that the page lists none.
            (Type::Named(id), Type::String) if self.matching == Match::ByPlace && self.values_elsewhere(*id) => {
                self.decisions.push(Decision {
                    path: path.to_string(),
                    fact: "type".into(),
                    page_then: "String".into(),
                    page_now: "String".into(),
                    spec: self.old.type_def(*id).ident().to_string(),
                    note: Some("values_from: the page lists no values; the spec's come from elsewhere".into()),
                });
                true
            }
            (old, new) => old == new,
        }
    }

    /// Whether a spec type is an enum whose values do not come from the page.
    fn values_elsewhere(&self, id: TypeId) -> bool {
        matches!(self.old.type_def(id), TypeDef::Enum(e) if e.values_from != ValuesFrom::Page)
    }

    /// Compares two definitions at `path`; false when one is a struct and the other an enum.
    fn type_def(&mut self, path: &str, old: &TypeDef, new: &TypeDef, role: Role) -> bool {
        match (old, new) {
            (TypeDef::Struct(old), TypeDef::Struct(new)) => self.structure(path, old, new, role),
            (TypeDef::Enum(old), TypeDef::Enum(new)) => self.enumeration(path, old, new, role),
            _ => return false,
        }
        true
    }

    fn structure(&mut self, path: &str, old: &Struct, new: &Struct, role: Role) {
        let Struct {
            // The key the two sides were matched by (or, by place, the spec's own choice).
            ident: _,
            description: old_description,
            fields: old_fields,
            // Follows from the fields' rules, compared one by one.
            validated: _,
            form: old_form,
            // Follows from the operations carrying the type, compared there (a type carried
            // one way less loses a derive only when an operation or a field goes, itself
            // breaking).
            usage: _,
        } = old;
        let Struct { ident: _, description, fields, validated: _, form, usage: _ } = new;
        if old_form != form {
            let encoding = |form: bool| if form { "form fields" } else { "JSON" };
            self.push(role.reshaped(), path, format!("sent as {} → {}", encoding(*old_form), encoding(*form)));
        }
        self.fields(path, old_fields, fields, role);
        // By place, a type's description is the spec's: the page describes the field holding it.
        if self.matching == Match::ByName {
            self.described(path, "description", old_description.as_ref(), description.as_ref());
        }
    }

    fn enumeration(&mut self, path: &str, old: &Enum, new: &Enum, role: Role) {
        let Enum {
            ident: _,
            description: old_description,
            open: old_open,
            values: old_values,
            values_from: old_from,
            integer: old_integer,
            // As a struct's: follows from the operations.
            usage: _,
        } = old;
        let Enum { ident: _, description, open, values, values_from, integer, usage: _ } = new;
        if old_integer != integer {
            let kind = |integer: bool| if integer { "numbers" } else { "strings" };
            self.push(role.reshaped(), path, format!("values are {} → {}", kind(*old_integer), kind(*integer)));
        }
        let (old_by, new_by) = (by(old_values, |v| &v.wire), by(values, |v| &v.wire));
        // By place, values the spec takes from the SDK or the examples are its own.
        let values_elsewhere = self.matching == Match::ByPlace && *old_from != ValuesFrom::Page;
        for (wire, old_value) in &old_by {
            let Some(new_value) = new_by.get(wire) else {
                if !values_elsewhere {
                    self.push(role.reshaped(), path, format!("value {wire} removed"));
                }
                continue;
            };
            let EnumValue { wire: _, ident: old_ident, description: old_description } = old_value;
            let EnumValue { wire: _, ident, description } = new_value;
            if self.matching == Match::ByName && old_ident != ident {
                self.push(role.reshaped(), path, format!("value {wire}: Rust name {old_ident} → {ident}"));
            }
            let what = format!("value {wire} description");
            self.described(path, &what, old_description.as_ref(), description.as_ref());
        }
        for wire in new_by.keys().filter(|wire| !old_by.contains_key(*wire)) {
            self.push(role.loosened(), path, format!("value {wire} added"));
        }
        if self.matching == Match::ByName {
            self.described(path, "description", old_description.as_ref(), description.as_ref());
        }
        if self.matching == Match::ByName {
            match (old_open, open) {
                (true, false) => {
                    self.push(role.tightened(), path, "closed: undocumented values are now rejected in requests")
                }
                (false, true) => {
                    self.push(role.loosened(), path, "opened: undocumented values are now accepted in requests")
                }
                _ => {}
            }
            let what = "values from";
            self.documented(
                path,
                what,
                Some(&format!("{old_from:?}").to_lowercase()),
                Some(&format!("{values_from:?}").to_lowercase()),
            );
        }
    }

    /// A change only the docs show, with both texts, shortened. By place, only the page's
    /// words count (markup, list formatting and punctuation are presentation), and what the
    /// page does not state is not compared.
    fn documented(&mut self, path: &str, what: &str, old: Option<&String>, new: Option<&String>) {
        let (old, new) = (old.filter(|s| !s.is_empty()), new.filter(|s| !s.is_empty()));
        let differs = match self.matching {
            Match::ByName => old != new,
            Match::ByPlace => new.is_some() && !same_words(old.map(String::as_str), new.map(String::as_str)),
        };
        if differs {
            let (old, new) = briefs(old.map(String::as_str), new.map(String::as_str));
            self.push(Impact::Documentation, path, format!("{what} {old} → {new}"));
        }
    }

    /// A description: by place, left out while the page's descriptions are as they were when
    /// the spec's were settled against them (`page_text`).
    fn described(&mut self, path: &str, what: &str, old: Option<&String>, new: Option<&String>) {
        if self.prose {
            self.documented(path, what, old, new);
        }
    }

    fn field_type(&self, service: &Service, field: &Field) -> String {
        let optional = if field.required { "required" } else { "optional" };
        let sensitive = if field.sensitive && self.matching == Match::ByName { ", sensitive" } else { "" };
        format!("{optional} {}{sensitive}", service.type_name(&field.ty))
    }

    fn push(&mut self, impact: Impact, path: &str, change: impl Into<String>) {
        self.changes.push(Change { impact, path: path.to_string(), change: change.into() });
    }
}

/// The status and type of what a call returns: the first success response with a body.
fn output(responses: &[Response]) -> Option<(u16, &Type)> {
    responses.iter().filter(|r| r.is_success()).find_map(|r| r.body.as_ref().map(|body| (r.status, body)))
}

/// The types requests carry: bodies and what they contain, and parameters' enums.
fn sent_types(service: &Service) -> BTreeSet<&str> {
    let bodies = service.operations.iter().filter_map(|op| op.body.as_ref().map(|b| &b.ty));
    let params = service.operations.iter().flat_map(|op| op.params.iter().map(|p| &p.field.ty));
    let mut pending: Vec<&Type> = bodies.chain(params).collect();
    let mut found = BTreeSet::new();
    while let Some(ty) = pending.pop() {
        match ty {
            Type::Array(inner) | Type::Map(inner) => pending.push(inner),
            Type::Named(id) if found.insert(service.type_def(*id).ident()) => {
                if let Some(s) = service.struct_def(*id) {
                    pending.extend(s.fields.iter().map(|f| &f.ty));
                }
            }
            _ => {}
        }
    }
    found
}

/// A field's fact as a `page` record writes it: `String`, `true`, `64`, `` for none.
fn page_fact(service: &Service, field: &Field, location: Option<ParamIn>, fact: &str) -> String {
    let bound = |bound: Option<String>| bound.unwrap_or_default();
    let Rules { pattern, length, range, items } = &field.rules;
    match fact {
        "name" => field.wire.clone(),
        "in" => location.map(location_name).unwrap_or_default().to_string(),
        "type" => service.type_name(&field.ty),
        "required" => field.required.to_string(),
        "description" => field.description.clone().unwrap_or_default(),
        "pattern" => pattern
            .as_ref()
            .and_then(|ident| service.patterns.iter().find(|p| &p.ident == ident))
            .map(|p| p.regex.clone())
            .unwrap_or_default(),
        "min_length" => bound(length.and_then(|b| b.min).map(|n| n.to_string())),
        "max_length" => bound(length.and_then(|b| b.max).map(|n| n.to_string())),
        "minimum" => bound(range.and_then(|b| b.min).map(|n| n.to_string())),
        "maximum" => bound(range.and_then(|b| b.max).map(|n| n.to_string())),
        "min_items" => bound(items.and_then(|b| b.min).map(|n| n.to_string())),
        "max_items" => bound(items.and_then(|b| b.max).map(|n| n.to_string())),
        "default" => field.default.clone().unwrap_or_default(),
        "format" => field.format.as_ref().map(|a| format_name(a.format)).unwrap_or_default().to_string(),
        "sensitive" => field.sensitive.to_string(),
        _ => String::new(),
    }
}

fn location_name(location: ParamIn) -> &'static str {
    match location {
        ParamIn::Path => "path",
        ParamIn::Query => "query",
        ParamIn::Header => "header",
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Json => "json",
        Format::Rfc3339 => "rfc3339",
        Format::DateTime => "datetime",
    }
}

fn paging_text(service: &Service, paging: &Pagination) -> String {
    let Pagination {
        offset_param,
        limit_param,
        items_field,
        total_field,
        item_type,
        total_type,
        items_required,
        total_required,
        // The same parameters and fields, by their wire names: a rename shows as its field's.
        wires: _,
    } = paging;
    let optional = |required: bool| if required { "" } else { "optional " };
    format!(
        "{offset_param}/{limit_param} over {}{items_field}: {}, {}{total_field}: {}",
        optional(*items_required),
        service.type_name(item_type),
        optional(*total_required),
        service.type_name(total_type),
    )
}

fn provenance_text(provenance: &Provenance) -> Option<String> {
    // The note is the spec's reason, never emitted.
    let Provenance { from_sdk, page, note: _ } = provenance;
    let mut parts: Vec<String> = page.iter().map(|(key, value)| format!("page {key}: {value}")).collect();
    if *from_sdk {
        parts.insert(0, "from the SDK".into());
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Two texts for one line of a report, quoted, each at most 60 characters: from a little before
/// where they first differ (`…` marks what is left out), so the line shows the change.
fn briefs(old: Option<&str>, new: Option<&str>) -> (String, String) {
    let tidy = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let (old, new) = (old.map(tidy), new.map(tidy));
    let (a, b) = (old.as_deref().unwrap_or_default(), new.as_deref().unwrap_or_default());
    // The first differing character, moved back to the start of a word three words earlier.
    let same = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let start = a.char_indices().nth(same).map_or(a.len(), |(i, _)| i).min(b.len());
    let start = a[..start].rmatch_indices(' ').nth(2).map_or(0, |(i, _)| i + 1);
    let show = |text: Option<&String>| {
        text.map_or_else(
            || "none".to_string(),
            |text| {
                let (lead, rest) =
                    if start > 0 && text.is_char_boundary(start) { ("…", &text[start..]) } else { ("", &text[..]) };
                match rest.char_indices().nth(60) {
                    Some((end, _)) => format!("{:?}", format!("{lead}{}…", &rest[..end])),
                    None => format!("{:?}", format!("{lead}{rest}")),
                }
            },
        )
    };
    (show(old.as_ref()), show(new.as_ref()))
}

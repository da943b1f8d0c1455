//! Properties that hold whatever the input: the loader and lowering never panic and always
//! locate what they reject, and whatever lowers emits files that parse; validators agree with
//! the documented regexes and count characters; the signer does not depend on header or query
//! order.

use huaweicloud_client::modelarts::ListNotebooksRequest;
use huaweicloud_client::runtime::{Signable, Validate, authorization, canonical_query};
use huaweicloud_client::unidentified::UnidentifiedError;
use huaweicloud_tests::{lowers_and_emits, repo_root, specgen};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Loads, lowers and emits `text`: rejected with located errors, or emitted files that parse.
fn load_and_lower(text: &str) -> Result<(), String> {
    lowers_and_emits(text).map(|_| ())
}

fn real_spec() -> String {
    std::fs::read_to_string(repo_root().join("spec/modelarts.yaml")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics_and_errors_are_located(text in ".{0,400}") {
        prop_assert_eq!(load_and_lower(&text), Ok(()));
    }

    #[test]
    fn arbitrary_yaml_shapes_never_panic(text in "(service:\n  name: [a-z_]{1,8}\n)?(types:\n)?(  - name: [A-Za-z]{1,6}\n    (fields|enum): \\[\\]\n){0,3}[ -~\n]{0,60}") {
        prop_assert_eq!(load_and_lower(&text), Ok(()));
    }

    #[test]
    fn mutated_real_specs_never_panic(line in 0usize..1000, edit in 0u8..4, garbage in "[ -~]{0,12}") {
        let spec = real_spec();
        let mut lines: Vec<String> = spec.lines().map(str::to_string).collect();
        let index = line % lines.len();
        match edit {
            0 => { lines.remove(index); }
            1 => { let copy = lines[index].clone(); lines.insert(index, copy); }
            2 => { let keep = lines[index].len() / 2; let cut: String = lines[index].chars().take(keep).collect(); lines[index] = cut; }
            _ => lines[index].push_str(&garbage),
        }
        prop_assert_eq!(load_and_lower(&lines.join("\n")), Ok(()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Random specs of every construct, names from a hostile pool and odd text everywhere.
    #[test]
    fn random_specs_are_rejected_with_locations_or_emit_files_that_parse(text in specgen::service("generated")) {
        prop_assert_eq!(load_and_lower(&text), Ok(()));
    }
}

/// The random specs would prove little if the pool's collisions rejected most of them: from a
/// fixed seed, most lower (and so reach emit).
#[test]
fn most_random_specs_lower() {
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    let strategy = specgen::service("generated");
    let lowered = (0..200)
        .filter(|_| {
            let text = strategy.new_tree(&mut runner).expect("a spec is generated").current();
            lowers_and_emits(&text).expect("located errors or files that parse")
        })
        .count();
    assert!(lowered >= 80, "only {lowered} of 200 random specs lowered");
}

/// The documented regex without its anchors, for proptest's string generator.
fn unanchored(pattern: &str) -> String {
    pattern.trim_start_matches('^').trim_end_matches('$').to_string()
}

// The patterns of `list_notebooks`'s parameters.
const PROJECT_ID: &str = "^[a-zA-Z0-9-]{1,64}$";
const NAME: &str = "^[-_a-zA-Z0-9]{1,128}$";
const OWNER: &str = "^[a-z0-9]{32}$";

fn request(project_id: &str, name: &str, owner: &str) -> ListNotebooksRequest {
    let mut request = ListNotebooksRequest::new(project_id);
    request.name = Some(name.into());
    request.owner = Some(owner.into());
    request
}

fn broken_fields(request: &ListNotebooksRequest) -> Vec<String> {
    match request.validate() {
        Ok(()) => Vec::new(),
        Err(err) => err.violations.iter().map(|v| v.path.clone()).collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn strings_from_the_documented_regexes_pass(
        project_id in proptest::string::string_regex(&unanchored(PROJECT_ID)).unwrap(),
        name in proptest::string::string_regex(&unanchored(NAME)).unwrap(),
        owner in proptest::string::string_regex(&unanchored(OWNER)).unwrap(),
    ) {
        prop_assert_eq!(broken_fields(&request(&project_id, &name, &owner)), Vec::<String>::new());
    }

    #[test]
    fn mutated_strings_that_leave_the_pattern_fail(
        project_id in proptest::string::string_regex(&unanchored(PROJECT_ID)).unwrap(),
        name in proptest::string::string_regex(&unanchored(NAME)).unwrap(),
        position in 0usize..64,
        intruder in "[ !@#$%^&*()+=/\\\\?<>,;:'\"é名]",
    ) {
        let insert = |text: &str| {
            let at = text.char_indices().nth(position % (text.chars().count() + 1)).map_or(text.len(), |(i, _)| i);
            format!("{}{intruder}{}", &text[..at], &text[at..])
        };
        let owner = "0".repeat(32);
        prop_assert_eq!(broken_fields(&request(&insert(&project_id), &name, &owner)), vec!["project_id".to_string()]);
        prop_assert_eq!(broken_fields(&request(&project_id, &insert(&name), &owner)), vec!["name".to_string()]);
        let too_long = format!("{name}{}", "a".repeat(129 - name.chars().count()));
        prop_assert_eq!(broken_fields(&request(&project_id, &too_long, &owner)), vec!["name".to_string()]);
    }

    #[test]
    fn lengths_count_characters(code in "\\PC{0,6}") {
        let count = code.chars().count();
        let mut error = UnidentifiedError::default();
        error.code = Some(code);
        prop_assert_eq!(error.validate().is_ok(), count == 3);
    }
}

fn sign(headers: &[(String, String)], query: &[(String, String)], body: &[u8]) -> String {
    let query = canonical_query(query);
    let headers: Vec<(&str, &str)> = headers.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
    let request = Signable { method: "POST", path: "/v1/p1/things", query: &query, headers: &headers, body };
    authorization("AK", "SK", &request)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_signature_ignores_header_and_query_order(
        headers in proptest::collection::btree_map("x-[a-z]{1,8}", "[ -~]{0,16}", 1..6),
        query in proptest::collection::vec(("[a-z_]{1,6}", "\\PC{0,8}"), 0..6),
        body in proptest::collection::vec(any::<u8>(), 0..64),
        seed in any::<u64>(),
    ) {
        let mut headers: Vec<(String, String)> = headers.into_iter().collect();
        headers.push(("Host".into(), "example.com".into()));
        headers.push(("X-Sdk-Date".into(), "20261123T101112Z".into()));
        let first = sign(&headers, &query, &body);
        prop_assert_eq!(&sign(&headers, &query, &body), &first, "deterministic");
        let rotate = |n: usize, len: usize| if len == 0 { 0 } else { (seed as usize).wrapping_add(n) % len };
        let (mut shuffled_headers, mut shuffled_query) = (headers.clone(), query.clone());
        shuffled_headers.rotate_left(rotate(1, headers.len()));
        shuffled_headers.reverse();
        shuffled_query.rotate_left(rotate(2, query.len()));
        shuffled_query.reverse();
        prop_assert_eq!(sign(&shuffled_headers, &shuffled_query, &body), first);
    }
}

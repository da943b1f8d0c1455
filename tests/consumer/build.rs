//! Generates the ModelArts client from the repository's spec at build time.

fn main() {
    let generated =
        huaweicloud_codegen::Builder::new().spec_dir("../../spec").services(["modelarts"]).generate_to_out_dir();
    if let Err(err) = generated {
        eprintln!("{err}");
        std::process::exit(1);
    }
}

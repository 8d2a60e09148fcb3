//! Deflates the vendored member documentation (`model/cognito-idp/docs-1.json`) into
//! `$OUT_DIR/docs-1.json.deflate`, which `src/model/docs.rs` embeds and inflates only when
//! documentation is asked for.
//!
//! Optionally links the `pooler` binary as a fixed-address (non-PIE) executable on Linux with
//! GNU tools: build with `POOLER_NO_PIE=1`.
//!
//! A PIE binary of this size carries ~49,000 relative relocations that the dynamic loader applies
//! at every start, copying ~190 pages of `.data.rel.ro`: `perf` showed `_dl_relocate_object` and
//! its page faults as the largest start-up cost after the model. Without PIE a dry run takes
//! ~180 fewer page faults and ~1.5-2 ms less CPU (see README, "Benchmarks"). The default stays a
//! PIE all the same: the start-up targets are met without it, and a tool that runs against
//! production accounts keeps its own code address-randomized unless its user chooses otherwise.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=POOLER_NO_PIE");
    deflate_docs();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let no_pie = std::env::var_os("POOLER_NO_PIE").is_some_and(|v| v == "1");
    if os == "linux" && env == "gnu" && no_pie {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    } else if os == "linux" && env == "gnu" {
        // DT_RELR (glibc 2.36+, binutils 2.38+): the PIE's ~50,000 relative relocations packed
        // into a bitmap of a few KB, so the loader reads far fewer pages at start.
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

fn deflate_docs() {
    let source = "model/cognito-idp/docs-1.json";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read(source).expect("model/cognito-idp/docs-1.json is vendored");
    let packed = miniz_oxide::deflate::compress_to_vec(&text, 9);
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("docs-1.json.deflate"), packed).expect("OUT_DIR is writable");
}

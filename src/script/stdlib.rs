//! The Rhai modules shipped inside the binary, resolved by `import "name"`.

/// Each embedded module: its import name and its source text.
pub const MODULES: &[(&str, &str)] = &[(
    "cognito/attributes",
    include_str!("../../stdlib/cognito/attributes.rhai"),
)];

/// The source of the embedded module `name`, if there is one.
pub fn find(name: &str) -> Option<&'static str> {
    let name = name.strip_suffix(".rhai").unwrap_or(name);
    MODULES
        .iter()
        .find(|(module, _)| *module == name)
        .map(|(_, text)| *text)
}

/// The name diagnostics show for an embedded module.
pub fn display_name(name: &str) -> String {
    format!("stdlib/{}.rhai", name.strip_suffix(".rhai").unwrap_or(name))
}

//! How the binary is linked (build.rs): a PIE by default; a fixed-address executable on
//! Linux/GNU when built with `POOLER_NO_PIE=1`, so the loader has almost no relocations to apply.

/// ELF `e_type` of a file: 2 is `ET_EXEC` (fixed address), 3 is `ET_DYN` (PIE or library).
fn elf_type(path: &str) -> u16 {
    let bytes = std::fs::read(path).expect("the pooler binary is readable");
    assert_eq!(&bytes[..4], b"\x7fELF", "{path} is an ELF file");
    let field = [bytes[16], bytes[17]];
    // EI_DATA: 1 little-endian, 2 big-endian.
    if bytes[5] == 2 {
        u16::from_be_bytes(field)
    } else {
        u16::from_le_bytes(field)
    }
}

#[test]
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn binary_is_a_pie_unless_built_with_no_pie() {
    let expected = if option_env!("POOLER_NO_PIE") == Some("1") {
        2
    } else {
        3
    };
    assert_eq!(elf_type(env!("CARGO_BIN_EXE_pooler")), expected);
}

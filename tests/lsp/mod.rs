//! `pooler lsp` driven over its stdio with JSON-RPC (protocol.rs), and by a real client,
//! Neovim's built-in LSP client (neovim.rs).

mod client;
mod neovim;
mod protocol;

//! The one integration-test binary: every test module is listed here.

mod support;

mod aws_client;
mod cli;
mod cognito;
mod e2e_moto;
mod errors;
mod interrupt;
mod json_doc;
mod repl;

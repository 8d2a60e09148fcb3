//! The one integration-test binary: every test module is listed here.

mod support;

mod aws_client;
mod bad_scripts;
mod bulk;
mod cli;
mod cognito;
mod definitions;
mod doors;
mod e2e_ensure;
mod e2e_moto;
mod ensure;
mod errors;
mod export;
mod faults;
mod fuzz;
mod import;
mod interrupt;
mod json_doc;
mod layering;
mod link;
mod lint;
mod output;
mod port;
mod quota;
mod records;
mod repl;
mod secrets;

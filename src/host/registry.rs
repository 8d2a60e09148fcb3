//! The one registry of script functions. Every area registers here, in [`register_all`], through
//! a [`Registrar`] that remembers each name; [`entries`] documents each function with a short
//! signature and one line. The REPL's completion, `:help` and `:help NAME` read [`entries`], and a
//! test checks that what is registered and what is documented are the same set.

use std::path::Path;

use rhai::{Engine, RhaiNativeFunc, Variant};

use super::{chilkat, cognito, date, import, json, output, util};
use crate::interrupt::Interrupt;
use crate::model::Model;

/// One script function as the user sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FnDoc {
    pub name: &'static str,
    /// The type it is called on (`cognito`, `json`, `CkRest`), `None` for globals.
    pub receiver: Option<&'static str>,
    pub signature: &'static str,
    pub summary: &'static str,
    /// The names its options map takes, each with one line (`:help NAME` lists them).
    pub options: &'static [OptDoc],
}

/// One option of a function's options map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptDoc {
    pub name: &'static str,
    pub about: &'static str,
}

impl FnDoc {
    /// The same function, taking `options`.
    const fn with_options(self, options: &'static [OptDoc]) -> FnDoc {
        FnDoc { options, ..self }
    }
}

/// The options of the bulk helpers (`each`, `admin_create_users`), read by
/// `service::bulk::Opts::from_json`.
pub const BULK_OPTIONS: &[OptDoc] = &[
    OptDoc {
        name: "concurrency",
        about: "requests in flight at most, 1 to 256 (default: what the quota needs)",
    },
    OptDoc {
        name: "on_exists",
        about: "\"skip\" (default) or \"fail\" when the item already exists",
    },
    OptDoc {
        name: "resume",
        about: "a journal file: items done in an earlier run are not sent again",
    },
    OptDoc {
        name: "key",
        about: "the input member naming each item in the summary and journal (default Username)",
    },
    OptDoc {
        name: "max_retries",
        about: "retries per item beyond the first attempt, 0 to 100 (default: --max-attempts)",
    },
    OptDoc {
        name: "progress",
        about: "true or false: a progress line on stderr (default: when stderr is a terminal)",
    },
];

/// The options of `import_users`, read by `host::import::options` (which refuses any other).
pub const IMPORT_OPTIONS: &[OptDoc] = &[
    OptDoc {
        name: "CloudWatchLogsRoleArn",
        about: "the role that lets Cognito write the job's CloudWatch Logs (import jobs)",
    },
    OptDoc {
        name: "job_name",
        about: "jobs are named NAME-1, NAME-2, … (default pooler-import)",
    },
    OptDoc {
        name: "max_users_per_job",
        about: "split the file into jobs of at most this many users (default 500,000)",
    },
    OptDoc {
        name: "max_bytes_per_job",
        about: "split the file into jobs of at most this many bytes (default 100 MB)",
    },
    OptDoc {
        name: "poll_seconds",
        about: "seconds between DescribeUserImportJob calls, 0.01 to 3600 (default 5)",
    },
    OptDoc {
        name: "dry_run",
        about: "true: check the file and validate the calls, create no job",
    },
    OptDoc {
        name: "method",
        about: "\"job\" (default: Cognito's import jobs) or \"admin-create-user\" (one call per user)",
    },
    OptDoc {
        name: "send_invitation",
        about: "true or false: with admin-create-user, send Cognito's invitation (default false)",
    },
];

const fn global(name: &'static str, signature: &'static str, summary: &'static str) -> FnDoc {
    FnDoc {
        name,
        receiver: None,
        signature,
        summary,
        options: &[],
    }
}

const fn method(
    receiver: &'static str,
    name: &'static str,
    signature: &'static str,
    summary: &'static str,
) -> FnDoc {
    FnDoc {
        name,
        receiver: Some(receiver),
        signature,
        summary,
        options: &[],
    }
}

/// Every documented function, area by area.
const DOCS: &[FnDoc] = &[
    // util
    global(
        "env",
        "env(name) / env(name, default)",
        "an environment variable, () or the default when unset",
    ),
    global(
        "read_file",
        "read_file(path)",
        "a file's text; relative paths are relative to the script",
    ),
    global(
        "read_json",
        "read_json(path)",
        "a JSON file as a map or array",
    ),
    global(
        "read_csv",
        "read_csv(path)",
        "a CSV file with a header row, as an array of maps",
    ),
    global("sleep", "sleep(seconds)", "waits; Ctrl-C stops it"),
    // date
    global("now", "now()", "the current time, as a date"),
    global(
        "date",
        "date(text) / date(epoch_seconds)",
        "a date from ISO 8601 text (`date(\"2026-12-01\")`) or epoch seconds",
    ),
    global(
        "days",
        "days(n)",
        "n days in seconds, to add to or subtract from a date (`now() - days(30)`)",
    ),
    global(
        "query",
        "query(value, expr)",
        "selects from a map or array with JMESPath, like --query (`query(r, \"UserPools[].Id\")`)",
    ),
    global(
        "exit",
        "exit(code) / exit(message)",
        "ends the script with that exit code (a message exits 1)",
    ),
    // json
    global(
        "json",
        "json() / json(text) / json(map)",
        "a JSON document that keeps member order (Chilkat's CkJsonObject)",
    ),
    method(
        "json",
        "update_string",
        "doc.update_string(path, text)",
        "writes text at a path, creating what is missing",
    ),
    method(
        "json",
        "update_int",
        "doc.update_int(path, n)",
        "writes an integer at a path",
    ),
    method(
        "json",
        "update_bool",
        "doc.update_bool(path, b)",
        "writes true or false at a path",
    ),
    method(
        "json",
        "update_number",
        "doc.update_number(path, n)",
        "writes a number (or numeric text) at a path",
    ),
    method(
        "json",
        "update",
        "doc.update(path, value)",
        "writes any value (map, array, …) at a path",
    ),
    method(
        "json",
        "update_null",
        "doc.update_null(path)",
        "writes null at a path",
    ),
    method(
        "json",
        "update_new_object",
        "doc.update_new_object(path)",
        "writes an empty object at a path",
    ),
    method(
        "json",
        "update_new_array",
        "doc.update_new_array(path)",
        "writes an empty array at a path",
    ),
    method(
        "json",
        "string_of",
        "doc.string_of(path)",
        "the text at a path",
    ),
    method(
        "json",
        "int_of",
        "doc.int_of(path)",
        "the integer at a path",
    ),
    method(
        "json",
        "bool_of",
        "doc.bool_of(path)",
        "the boolean at a path",
    ),
    method(
        "json",
        "size_of_array",
        "doc.size_of_array(path)",
        "the length of the array at a path (-1 when none)",
    ),
    method(
        "json",
        "has_member",
        "doc.has_member(path)",
        "whether a path exists",
    ),
    method("json", "delete", "doc.delete(path)", "removes a member"),
    method(
        "json",
        "get",
        "doc.get(path)",
        "the value at a path as a Rhai value",
    ),
    method("json", "emit", "doc.emit()", "the document as pretty JSON"),
    method(
        "json",
        "emit_compact",
        "doc.emit_compact()",
        "the document as one line of JSON",
    ),
    method(
        "json",
        "to_map",
        "doc.to_map()",
        "the document as a Rhai map",
    ),
    // cognito
    method(
        "cognito",
        "invoke",
        "c.invoke(name) / c.invoke(name, input)",
        "cognito.call under another name, for clients in other variables",
    ),
    method(
        "cognito",
        "paginate",
        "cognito.paginate(name) / cognito.paginate(name, input)",
        "every item of a paginated operation, following the tokens",
    ),
    method(
        "cognito",
        "with",
        "cognito.with(#{region, profile, endpoint_url, lenient})",
        "another client with some settings changed (lenient: send unknown members)",
    ),
    method(
        "cognito",
        "each",
        "cognito.each(name, inputs) / cognito.each(name, inputs, opts)",
        "runs an operation once per input, paced, resumable; returns a summary",
    )
    .with_options(BULK_OPTIONS),
    method(
        "cognito",
        "admin_create_users",
        "cognito.admin_create_users(pool_id, users) / cognito.admin_create_users(pool_id, users, opts)",
        "creates many users (skips those that exist); returns a summary",
    )
    .with_options(BULK_OPTIONS),
    method(
        "cognito",
        "import_users",
        "cognito.import_users(pool_id, csv_path) / cognito.import_users(pool_id, csv_path, opts)",
        "moves users in with Cognito's CSV import jobs (or AdminCreateUser: opts.method \"admin-create-user\"), then restores groups and disabled state from FILE.csv.state.jsonl; returns #{job_id, status, imported, skipped, failed}",
    )
    .with_options(IMPORT_OPTIONS),
    method(
        "cognito",
        "prune",
        "cognito.prune(pool_id, [\"groups\", \"app_clients\", ...])",
        "the script owns these kinds of an ensured pool: deletes what no ensure_* named (a plan says would delete)",
    ),
    method(
        "cognito",
        "ensure_setting",
        "cognito.ensure_setting(read, write, desired)",
        "reads a setting with `read`, writes it whole with `write` only when what `desired` mentions differs",
    ),
    method(
        "cognito",
        "ensure_user_pool",
        "cognito.ensure_user_pool(desired)",
        "creates the pool or updates what differs; never resets",
    ),
    method(
        "cognito",
        "ensure_user_pool_client",
        "cognito.ensure_user_pool_client(desired)",
        "creates or updates an app client, found by ClientName",
    ),
    method(
        "cognito",
        "ensure_user_pool_domain",
        "cognito.ensure_user_pool_domain(desired)",
        "creates or updates the pool's domain",
    ),
    method(
        "cognito",
        "ensure_group",
        "cognito.ensure_group(desired)",
        "creates or updates a group, found by GroupName",
    ),
    method(
        "cognito",
        "ensure_resource_server",
        "cognito.ensure_resource_server(desired)",
        "creates or updates a resource server, found by Identifier",
    ),
    method(
        "cognito",
        "ensure_identity_provider",
        "cognito.ensure_identity_provider(desired)",
        "creates or updates an identity provider, found by ProviderName",
    ),
    method(
        "cognito",
        "ensure_mfa_config",
        "cognito.ensure_mfa_config(desired)",
        "sets the pool's MFA configuration when it differs",
    ),
    method(
        "cognito",
        "ensure_terms",
        "cognito.ensure_terms(desired)",
        "creates or updates an app client's terms document, found by ClientId and TermsName",
    ),
    method(
        "cognito",
        "ensure_managed_login_branding",
        "cognito.ensure_managed_login_branding(desired)",
        "creates or updates an app client's managed login branding, found by ClientId",
    ),
    // chilkat
    global(
        "CkJsonObject",
        "CkJsonObject()",
        "Chilkat's JSON object for ported programs (UpdateString, StringOf, Emit, …)",
    ),
    global(
        "CkStringBuilder",
        "CkStringBuilder()",
        "Chilkat's string builder (Append, GetAsString, …)",
    ),
    global(
        "CkAuthAws",
        "CkAuthAws()",
        "Chilkat's AWS signing settings (Region, ServiceName; keys come from the AWS chain)",
    ),
    global(
        "CkRest",
        "CkRest() / CkRest(client)",
        "Chilkat's REST object: Connect, AddHeader, FullRequestSb send through pooler's client (or `client`)",
    ),
];

/// Names scripts write that no area registers itself: Rhai's own `print` and `debug`, the
/// ambient `args`, and `cognito.call`, which the parser turns into `invoke`.
const SPELLED: &[FnDoc] = &[
    global("print", "print(value)", "writes a line to standard output"),
    global(
        "debug",
        "debug(value)",
        "writes the value and its place to standard error",
    ),
    global(
        "args",
        "args",
        "the script's arguments, an array of strings",
    ),
    method(
        "cognito",
        "call",
        "cognito.call(name) / cognito.call(name, input)",
        "runs an operation by name (CreateUserPool or create_user_pool)",
    ),
];

/// Every documented script function.
pub fn entries() -> Vec<FnDoc> {
    DOCS.iter().chain(SPELLED).copied().collect()
}

/// Registers functions into an engine and remembers their names.
pub struct Registrar<'e> {
    engine: &'e mut Engine,
    names: Vec<String>,
}

impl<'e> Registrar<'e> {
    pub fn new(engine: &'e mut Engine) -> Self {
        Self {
            engine,
            names: Vec::new(),
        }
    }

    /// The engine, for types, getters and setters.
    pub fn engine(&mut self) -> &mut Engine {
        self.engine
    }

    /// A documented script function (or one overload of it).
    pub fn func<A: 'static, const N: usize, const X: bool, R: Variant + Clone, const F: bool>(
        &mut self,
        name: &str,
        func: impl RhaiNativeFunc<A, N, X, R, F> + 'static,
    ) -> &mut Self {
        self.names.push(name.to_string());
        self.engine.register_fn(name, func);
        self
    }

    /// One method per operation of the model: documented by the model, not by [`DOCS`].
    pub fn operation<
        A: 'static,
        const N: usize,
        const X: bool,
        R: Variant + Clone,
        const F: bool,
    >(
        &mut self,
        name: &str,
        func: impl RhaiNativeFunc<A, N, X, R, F> + 'static,
    ) -> &mut Self {
        self.engine.register_fn(name, func);
        self
    }

    /// The names registered through [`Registrar::func`] so far.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// Registers the areas that need no AWS configuration (json, helpers); file helpers resolve
/// relative paths against `base` (the script's directory, like `import`).
/// `real` says whether calls are sent for real (an unset secret variable is then an error).
pub fn register_base(reg: &mut Registrar<'_>, interrupt: &Interrupt, base: &Path, real: bool) {
    json::register(reg);
    output::register(reg);
    date::register(reg);
    util::register(reg, interrupt, base.to_path_buf(), real);
}

/// Registers every area: the base ones, the token mapper (`cognito.with`, `cognito.call`,
/// interrupts while compiling), `cognito` with one method per operation, and the Chilkat layer
/// sending through `client`.
pub fn register_all(
    reg: &mut Registrar<'_>,
    interrupt: &Interrupt,
    base: &Path,
    model: &'static Model,
    client: cognito::Cognito,
    region_override: bool,
) {
    let real = client.service.ctx().mode == crate::service::Mode::Run;
    register_base(reg, interrupt, base, real);
    super::tokens::install(reg.engine(), interrupt);
    super::member_hint::install(reg.engine(), model);
    cognito::register(reg, model);
    import::register(reg);
    chilkat::register(reg, client, region_override);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The bulk options documented are the ones `Opts` reads, and its error lists them all.
    #[test]
    fn bulk_options_are_the_ones_opts_reads() {
        use crate::service::bulk::Opts;
        use serde_json::json;
        let sample = |name: &str| match name {
            "concurrency" | "max_retries" => json!(2),
            "progress" => json!(false),
            "on_exists" => json!("skip"),
            _ => json!("text"),
        };
        for o in BULK_OPTIONS {
            assert!(
                Opts::from_json(&json!({ o.name: sample(o.name) })).is_ok(),
                "{}",
                o.name
            );
        }
        let Err(unknown) = Opts::from_json(&json!({"bogus": 1})) else {
            panic!("bogus accepted");
        };
        let names: Vec<&str> = BULK_OPTIONS.iter().map(|o| o.name).collect();
        assert!(
            unknown
                .to_string()
                .ends_with(&format!("({})", names.join(", "))),
            "{unknown}"
        );
    }

    /// The import options documented are the ones `import::options` accepts, and its error
    /// lists them all.
    #[test]
    fn import_options_are_the_ones_import_users_reads() {
        use rhai::{Dynamic, Map};
        let sample = |name: &str| match name {
            "max_users_per_job" | "max_bytes_per_job" | "poll_seconds" => Dynamic::from_int(2),
            "dry_run" | "send_invitation" => Dynamic::TRUE,
            "method" => Dynamic::from("job"),
            _ => Dynamic::from("text"),
        };
        for o in IMPORT_OPTIONS {
            let mut opts = Map::new();
            opts.insert(o.name.into(), sample(o.name));
            assert!(import::check_options(&opts).is_ok(), "{}", o.name);
        }
        let mut bogus = Map::new();
        bogus.insert("bogus".into(), Dynamic::TRUE);
        let err = import::check_options(&bogus).unwrap_err().to_string();
        let names: Vec<&str> = IMPORT_OPTIONS.iter().map(|o| o.name).collect();
        assert!(
            err.contains(&format!("(known: {})", names.join(", "))),
            "{err}"
        );
    }

    /// What is registered and what is documented are the same names.
    #[test]
    fn every_registered_function_is_documented_and_back() {
        let model = Model::embedded();
        let mut engine = Engine::new();
        let service = crate::service::Service::new(
            std::rc::Rc::new(crate::service::Context::new(
                model,
                crate::service::Options {
                    mode: crate::service::Mode::DryRun,
                    validate: true,
                    strict: false,
                    lenient: false,
                    verbose: false,
                    collect_problems: false,
                    transcript: None,
                    pacer: crate::service::pace::Pacer::off(),
                },
                std::rc::Rc::new(crate::service::Silent),
                Interrupt::new(),
            )),
            crate::aws::Client::new(
                crate::aws::Settings::default(),
                crate::service::service_of(model),
            ),
        );
        let mut reg = Registrar::new(&mut engine);
        register_all(
            &mut reg,
            &Interrupt::new(),
            Path::new("."),
            model,
            cognito::Cognito::new(service),
            false,
        );
        let registered: BTreeSet<&str> = reg
            .names()
            .iter()
            .map(String::as_str)
            .filter(|n| !matches!(*n, "to_string" | "to_debug"))
            .collect();
        let documented: BTreeSet<&str> = DOCS.iter().map(|d| d.name).collect();
        assert_eq!(registered, documented);
        for doc in entries() {
            assert!(!doc.summary.is_empty() && doc.signature.contains(doc.name));
        }
    }
}

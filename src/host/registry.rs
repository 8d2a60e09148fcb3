//! The one list of script functions: name, receiver, signature and a one-line summary each.
//! The REPL's completion, `:help` and `:help NAME` read it. (A stand-in with the final API;
//! the call-pipeline work fills it from every area's registration.)

/// One script function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FnDoc {
    pub name: &'static str,
    /// `Some("cognito")` for `cognito.each`, `Some("json")` for document methods, `None` for
    /// global functions.
    pub receiver: Option<&'static str>,
    pub signature: &'static str,
    pub summary: &'static str,
}

const fn global(name: &'static str, signature: &'static str, summary: &'static str) -> FnDoc {
    FnDoc {
        name,
        receiver: None,
        signature,
        summary,
    }
}

const fn on(
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
    }
}

const ENTRIES: &[FnDoc] = &[
    global(
        "json",
        "json() / json(text) / json(map)",
        "a JSON document that keeps member order",
    ),
    global(
        "env",
        "env(name) / env(name, default)",
        "an environment variable, or () / default",
    ),
    global(
        "args",
        "args",
        "the script's arguments, an array of strings",
    ),
    global(
        "read_file",
        "read_file(path)",
        "a file's text (relative to the script)",
    ),
    global(
        "read_json",
        "read_json(path)",
        "a JSON file as a map or array",
    ),
    global(
        "read_csv",
        "read_csv(path)",
        "a CSV file as an array of maps, one per row",
    ),
    global("sleep", "sleep(seconds)", "waits; fractions allowed"),
    global("exit", "exit(code)", "ends the script with this exit code"),
    global("print", "print(value)", "writes a line to standard output"),
    global(
        "debug",
        "debug(value)",
        "writes the value and its place to standard error",
    ),
    on(
        "cognito",
        "call",
        "cognito.call(operation, input)",
        "calls an operation by its API name",
    ),
    on(
        "cognito",
        "invoke",
        "cognito.invoke(operation, input)",
        "like call, for clients held in other variables (x.call is Rhai's function-pointer call)",
    ),
    on(
        "cognito",
        "paginate",
        "cognito.paginate(operation, input)",
        "follows the page token; all items",
    ),
    on(
        "cognito",
        "with",
        "cognito.with(#{region, profile, endpoint_url})",
        "another client",
    ),
    on(
        "cognito",
        "each",
        "cognito.each(operation, inputs, options)",
        "one call per input, paced and resumable",
    ),
    on(
        "cognito",
        "admin_create_users",
        "cognito.admin_create_users(pool_id, users, options)",
        "creates many users, paced and resumable",
    ),
    on(
        "cognito",
        "ensure_user_pool",
        "cognito.ensure_user_pool(input)",
        "creates the pool or merges the changes",
    ),
    on(
        "cognito",
        "ensure_user_pool_client",
        "cognito.ensure_user_pool_client(input)",
        "creates the app client or merges the changes",
    ),
    on(
        "cognito",
        "ensure_user_pool_domain",
        "cognito.ensure_user_pool_domain(input)",
        "creates the domain or merges the changes",
    ),
    on(
        "cognito",
        "ensure_group",
        "cognito.ensure_group(input)",
        "creates the group or merges the changes",
    ),
    on(
        "cognito",
        "ensure_identity_provider",
        "cognito.ensure_identity_provider(input)",
        "creates the provider or merges the changes",
    ),
    on(
        "cognito",
        "ensure_resource_server",
        "cognito.ensure_resource_server(input)",
        "creates the resource server or merges the changes",
    ),
    on(
        "cognito",
        "ensure_mfa_config",
        "cognito.ensure_mfa_config(input)",
        "sets the pool's MFA configuration when it differs",
    ),
    on(
        "json",
        "update_string",
        "doc.update_string(path, text)",
        "sets a string, creating the path",
    ),
    on(
        "json",
        "update_int",
        "doc.update_int(path, n)",
        "sets an integer, creating the path",
    ),
    on(
        "json",
        "update_bool",
        "doc.update_bool(path, b)",
        "sets a boolean, creating the path",
    ),
    on(
        "json",
        "update_number",
        "doc.update_number(path, text)",
        "sets a number given as text",
    ),
    on("json", "update_null", "doc.update_null(path)", "sets null"),
    on(
        "json",
        "update_new_object",
        "doc.update_new_object(path)",
        "sets an empty object",
    ),
    on(
        "json",
        "update_new_array",
        "doc.update_new_array(path)",
        "sets an empty array",
    ),
    on(
        "json",
        "update",
        "doc.update(path, value)",
        "sets any value",
    ),
    on(
        "json",
        "string_of",
        "doc.string_of(path)",
        "the string at path (empty when missing)",
    ),
    on(
        "json",
        "int_of",
        "doc.int_of(path)",
        "the integer at path (0 when missing)",
    ),
    on(
        "json",
        "bool_of",
        "doc.bool_of(path)",
        "the boolean at path (false when missing)",
    ),
    on(
        "json",
        "size_of_array",
        "doc.size_of_array(path)",
        "the length of the array at path, or -1",
    ),
    on(
        "json",
        "has_member",
        "doc.has_member(path)",
        "whether path exists",
    ),
    on("json", "get", "doc.get(path)", "the value at path"),
    on(
        "json",
        "delete",
        "doc.delete(path)",
        "removes the member at path",
    ),
    on("json", "emit", "doc.emit()", "pretty JSON text"),
    on(
        "json",
        "emit_compact",
        "doc.emit_compact()",
        "one-line JSON text",
    ),
    on(
        "json",
        "to_map",
        "doc.to_map()",
        "the document as a Rhai map",
    ),
    on(
        "json",
        "i",
        "doc.i = n",
        "the index put in for [i] in paths",
    ),
    on(
        "json",
        "j",
        "doc.j = n",
        "the index put in for [j] in paths",
    ),
    on(
        "json",
        "k",
        "doc.k = n",
        "the index put in for [k] in paths",
    ),
    on(
        "json",
        "delimiter",
        "doc.delimiter = \".\"",
        "the path separator",
    ),
];

/// Every script function, globals first, then by receiver.
pub fn entries() -> Vec<FnDoc> {
    ENTRIES.to_vec()
}

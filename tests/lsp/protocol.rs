//! The protocol, message by message: initialize, didOpen and its diagnostics, completion,
//! hover, didChange, signature help, definition, symbols, shutdown and exit.

use serde_json::{Value, json};

use super::client::Client;

const URI: &str = "file:///tmp/pooler-lsp-test/setup.rhai";

const SCRIPT: &str = r#"import "cognito/attributes" as attrs;
fn pool_name() { "MyPool" }
let p = cognito.create_user_pool(#{
    PoolName: pool_name(),
    MfaConfiguration: "ONN",
    Policies: #{ PasswordPolicy: #{ MinimumLength: 3 } },
    Polices: 1,
});
cognito.admin_create_user(#{ UserPoolId: p.UserPool.Id });
"#;

fn open(client: &mut Client, text: &str) -> Value {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "rhai", "version": 1, "text": text}}),
    );
    let m = client.read();
    assert_eq!(m["method"], "textDocument/publishDiagnostics", "{m}");
    m["params"].clone()
}

fn at(line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}})
}

fn short(d: &Value) -> (u64, u64, u64, u64, u64, String) {
    let r = &d["range"];
    (
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
        r["end"]["line"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
        d["severity"].as_u64().unwrap(),
        d["message"].as_str().unwrap().to_string(),
    )
}

#[test]
fn initialize_names_the_server_and_its_capabilities() {
    let mut c = Client::start();
    let r = c.initialize();
    assert_eq!(r["result"]["serverInfo"]["name"], "pooler");
    let caps = &r["result"]["capabilities"];
    assert_eq!(caps["textDocumentSync"], 1);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["definitionProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(
        caps["completionProvider"]["triggerCharacters"],
        json!([".", ":", "\"", "{", ","])
    );
    assert_eq!(c.finish(), 0);
}

#[test]
fn diagnostics_on_open_sit_on_the_member_and_change_with_the_text() {
    let mut c = Client::start();
    c.initialize();
    let d = open(&mut c, SCRIPT);
    let found: Vec<_> = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(short)
        .collect();
    assert_eq!(
        found,
        vec![
            (4, 4, 4, 20, 1, "CreateUserPool: MfaConfiguration: `MfaConfiguration`: \"ONN\" is not one of \"OFF\", \"ON\", \"OPTIONAL\": did you mean \"ON\"?".to_string()),
            (5, 36, 5, 49, 1, "CreateUserPool: Policies.PasswordPolicy.MinimumLength: `MinimumLength` is 3, below the minimum 6".to_string()),
            (6, 4, 6, 11, 1, "CreateUserPool: Polices: unknown member `Polices` in CreateUserPoolRequest: did you mean `Policies`?".to_string()),
            (8, 8, 8, 25, 1, "AdminCreateUser: Username: missing required member `Username` (string)".to_string()),
        ]
    );
    assert_eq!(d["version"], 1);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": "let x = (;\n"}]}),
    );
    let m = c.read();
    assert_eq!(m["params"]["version"], 2);
    let found: Vec<_> = m["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(short)
        .collect();
    assert_eq!(found, vec![(0, 9, 0, 10, 1, "Unexpected ';'".to_string())]);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"text": "cognito.create_user_pool(#{ PoolName: \"ok\" });\n"}]}),
    );
    assert_eq!(c.read()["params"]["diagnostics"], json!([]));
    assert_eq!(c.finish(), 0);
}

#[test]
fn completion_offers_members_operations_enums_and_module_members_with_docs() {
    let mut c = Client::start();
    c.initialize();
    let text = "import \"cognito/attributes\" as attrs;\nlet p = cognito.create_user_pool(#{\n    Pool\n    MfaConfiguration: \"OP\",\n});\ncognito.create_user_pool_c\nattrs::cus\n";
    open(&mut c, text);
    let r = c.request("textDocument/completion", at(2, 8));
    let items = r["result"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{r}");
    assert_eq!(items[0]["label"], "PoolName");
    assert_eq!(items[0]["kind"], 5);
    assert_eq!(
        items[0]["detail"],
        r"string  required  len 1..128  pattern [\w\s+=,.@-]+"
    );
    assert_eq!(
        items[0]["documentation"],
        "A friendly name for your user pool."
    );
    assert_eq!(
        items[0]["textEdit"],
        json!({"range": {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 8}}, "newText": "PoolName"})
    );
    let r = c.request("textDocument/completion", at(3, 25));
    let labels: Vec<_> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].clone())
        .collect();
    assert_eq!(labels, vec![json!("OPTIONAL")]);
    let r = c.request("textDocument/completion", at(5, 26));
    let items = r["result"].as_array().unwrap();
    assert_eq!(items[0]["label"], "create_user_pool_client");
    assert_eq!(
        items[0]["detail"],
        "CreateUserPoolClient(input: CreateUserPoolClientRequest)"
    );
    assert_eq!(
        items[0]["documentation"],
        "Creates an app client in a user pool."
    );
    let r = c.request("textDocument/completion", at(6, 10));
    let labels: Vec<_> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].clone())
        .collect();
    let want = [
        "custom_boolean",
        "custom_datetime",
        "custom_number",
        "custom_string",
    ];
    assert_eq!(labels, want.map(|w| json!(w)).to_vec());
    assert_eq!(c.finish(), 0);
}

#[test]
fn completion_of_json_paths_follows_the_operation_the_document_goes_to() {
    let mut c = Client::start();
    c.initialize();
    let text = "let req = json();\nreq.update_int(\"Policies.PasswordPolicy.Min\", 8);\ncognito.create_user_pool(req);\n";
    open(&mut c, text);
    let r = c.request("textDocument/completion", at(1, 43));
    let items = r["result"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{r}");
    assert_eq!(items[0]["label"], "MinimumLength");
    assert_eq!(items[0]["detail"], "integer  6..99");
    assert_eq!(
        items[0]["textEdit"]["range"]["start"],
        json!({"line": 1, "character": 40})
    );
    assert_eq!(c.finish(), 0);
}

#[test]
fn hover_shows_member_and_operation_documentation() {
    let mut c = Client::start();
    c.initialize();
    open(&mut c, SCRIPT);
    let r = c.request("textDocument/hover", at(4, 8));
    let value = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with("**MfaConfiguration**: `\"OFF\" | \"ON\" | \"OPTIONAL\"`  \nin `CreateUserPoolRequest` of `CreateUserPool`\n\nSets multi-factor authentication (MFA) to be on, off, or optional. When `ON`,"),
        "{value}"
    );
    assert_eq!(
        r["result"]["range"],
        json!({"start": {"line": 4, "character": 4}, "end": {"line": 4, "character": 20}})
    );
    let r = c.request("textDocument/hover", at(5, 40));
    let value = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("**MinimumLength**: `integer`  \n`6..99`  \nin `PasswordPolicyType` of `CreateUserPool`\n\nThe minimum length"), "{value}");
    let r = c.request("textDocument/hover", at(2, 20));
    let value = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with("```rhai\ncognito.create_user_pool(input)\n```\n`CreateUserPool`: input `CreateUserPoolRequest`, returns `CreateUserPoolResponse`\n\nCreates a new Amazon Cognito user pool."),
        "{value}"
    );
    let r = c.request("textDocument/hover", at(0, 2));
    assert_eq!(r["result"], Value::Null, "{r}");
    assert_eq!(c.finish(), 0);
}

#[test]
fn signature_help_definition_and_symbols() {
    let mut c = Client::start();
    c.initialize();
    let text = "fn greet(name) { name }\nlet req = json();\nreq.update_string(\"PoolName\", greet(\"x\"));\n";
    open(&mut c, text);
    let r = c.request("textDocument/signatureHelp", at(2, 30));
    let sig = &r["result"]["signatures"][0];
    assert_eq!(sig["label"], "doc.update_string(path, text)", "{r}");
    assert_eq!(r["result"]["activeParameter"], 1);
    let r = c.request("textDocument/definition", at(2, 32));
    assert_eq!(
        r["result"],
        json!({"uri": URI, "range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 8}}})
    );
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let names: Vec<_> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].clone(), s["kind"].clone()))
        .collect();
    assert_eq!(
        names,
        vec![(json!("greet"), json!(12)), (json!("req"), json!(13))]
    );
    assert_eq!(c.finish(), 0);
}

#[test]
fn a_protocol_error_exits_1_with_a_short_message_that_does_not_echo_the_document() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_pooler"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pooler lsp starts");
    let secret_text = "let token = \"s3cr3ts3cr3t\";".to_string();
    let mut stdin = child.stdin.take().expect("stdin");
    for m in [
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
        // didOpen before `initialized`: the protocol says no.
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": URI, "languageId": "rhai", "version": 1, "text": secret_text}}}),
    ] {
        let body = m.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
    }
    drop(stdin);
    let out = child.wait_with_output().expect("exit");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: pooler lsp: expected initialized notification"),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cr3ts3cr3t"), "{stderr}");
    assert!(stderr.len() < 200, "{stderr}");
}

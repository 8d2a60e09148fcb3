//! Model-aware completion and hints for REPL input: functions, variables, stdlib modules,
//! `cognito.` operations, `json()` methods, input members of a cognito call, enum values, the
//! keys of live map values (`pools.`), module members (`attrs::`), and after the `:` commands
//! operation names, file paths and function names. Script functions come from the one
//! registry (`host::registry`).

use crate::host::registry;
use crate::model::{MemberInfo, Model, Operation};
use crate::rhai_literal::keywords::KEYWORDS_TO_OFFER;
use crate::script::stdlib;

use super::file_completion;
use super::keys::KeyTree;
use super::scan::{self, Open};

/// What the session knows about its names, refreshed after every input.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Global functions (registered and script-defined), sorted and unique.
    pub functions: Vec<String>,
    /// Variables in scope: name and whether it holds a `json()` document.
    pub variables: Vec<(String, bool)>,
    /// The keys of the maps held by variables, by variable name.
    pub keys: Vec<(String, KeyTree)>,
    /// Imported modules: the alias and its members (functions and exported constants).
    pub modules: Vec<(String, Vec<String>)>,
}

/// One completion: what is listed and what is inserted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub display: String,
    pub replacement: String,
}

impl Choice {
    fn plain(text: &str) -> Self {
        Self {
            display: text.to_string(),
            replacement: text.to_string(),
        }
    }
}

/// The registry's functions on `receiver` (`Some("json")`, `Some("cognito")`) or global ones.
pub fn registry_names(receiver: Option<&str>) -> Vec<String> {
    registry::entries()
        .into_iter()
        .filter(|e| e.receiver == receiver)
        .map(|e| e.name.to_string())
        .collect()
}

/// Completions for `text` with the cursor at its end: the byte offset where the replaced word
/// starts and the choices, sorted.
pub fn complete(text: &str, model: &Model, names: &Names) -> (usize, Vec<Choice>) {
    let line_start = text.rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    if line.trim_start().starts_with(':') && line_start == 0 {
        return complete_command(line, model);
    }
    let state = scan::scan(text);
    if let Some((quote, start)) = state.string {
        if quote != '"' {
            return (text.len(), Vec::new());
        }
        let partial = &text[start + 1..];
        let before = text[..start].trim_end();
        let found = string_choices(before, &state.stack, text, partial, model);
        return (start + 1, found);
    }
    let word_len = text
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum::<usize>();
    let start = text.len() - word_len;
    let word = &text[start..];
    let before = &text[..start];
    if let Some(receiver) = before.strip_suffix('.') {
        return (start, filtered(method_names(receiver, model, names), word));
    }
    if let Some(alias) = before.strip_suffix("::") {
        let alias = key_before(alias).unwrap_or_default();
        let members = names
            .modules
            .iter()
            .find(|(a, _)| *a == alias)
            .map(|(_, m)| m.clone())
            .unwrap_or_default();
        return (start, filtered(members, word));
    }
    if let Some((op, path)) = call_context(text, &state.stack, model) {
        let innermost = state.stack.last().map(|o| o.ch);
        let last = before.trim_end().chars().last();
        if innermost == Some('{') && matches!(last, Some('{' | ',')) {
            let members = model.input_members_at(op, &as_strs(&path));
            let list = members.iter().map(|m| m.name.clone()).collect();
            return (start, filtered(list, word));
        }
    }
    if word.is_empty() {
        return (start, Vec::new());
    }
    let mut list: Vec<String> = names.functions.clone();
    list.extend(names.variables.iter().map(|(n, _)| n.clone()));
    list.extend(["cognito", "args"].map(String::from));
    list.extend(KEYWORDS_TO_OFFER.iter().map(|k| k.to_string()));
    (start, filtered(list, word))
}

/// A hint for `text` with the cursor at its end: the required members of the cognito call's
/// input at the cursor's nesting level that are not written yet.
pub fn hint(text: &str, model: &Model) -> Option<String> {
    let state = scan::scan(text);
    if state.string.is_some() {
        return None;
    }
    let last = state.stack.last()?;
    let (op, path) = call_context(text, &state.stack, model)?;
    let written = match last.ch {
        '{' => scan::top_level_keys(&text[last.pos + 1..]),
        '(' if text[last.pos + 1..].trim().is_empty() => Vec::new(),
        _ => return None,
    };
    let missing: Vec<String> = model
        .input_members_at(op, &as_strs(&path))
        .into_iter()
        .filter(|m| m.required && !written.contains(&m.name))
        .map(|m| m.name)
        .collect();
    if missing.is_empty() {
        return None;
    }
    Some(format!("  // required: {}", missing.join(", ")))
}

fn as_strs(path: &[String]) -> Vec<&str> {
    path.iter().map(String::as_str).collect()
}

fn filtered(mut list: Vec<String>, prefix: &str) -> Vec<Choice> {
    list.retain(|n| n.starts_with(prefix));
    list.sort();
    list.dedup();
    list.iter().map(|n| Choice::plain(n)).collect()
}

fn complete_command(line: &str, model: &Model) -> (usize, Vec<Choice>) {
    use super::commands::{COMMANDS, Completes};
    let trimmed = line.trim_start();
    let offset = line.len() - trimmed.len();
    let Some((name, rest)) = trimmed.split_once(' ') else {
        let list = COMMANDS.iter().map(|c| c.name().to_string()).collect();
        return (offset, filtered(list, trimmed));
    };
    let completes = COMMANDS
        .iter()
        .find(|c| c.names.contains(&name))
        .map_or(Completes::Nothing, |c| c.completes);
    let rest_trimmed = rest.trim_start();
    let start = line.len() - rest_trimmed.len();
    match completes {
        Completes::OperationOrShape => {
            let snake = rest_trimmed.starts_with(|c: char| c.is_ascii_lowercase());
            let mut list: Vec<String> = model
                .operations()
                .iter()
                .map(|o| if snake { o.snake_name } else { o.name }.to_string())
                .collect();
            if !snake {
                // Shapes too (`:describe UserPoolTy` -> `UserPoolType`), after the operations.
                let mut shapes: Vec<String> = model
                    .shape_names()
                    // Not an operation's own input or output: the operation stands for them.
                    .filter(|n| {
                        let stem = n
                            .strip_suffix("Request")
                            .or_else(|| n.strip_suffix("Response"))
                            .unwrap_or(n);
                        !list.iter().any(|o| o == stem)
                    })
                    .map(str::to_string)
                    .collect();
                list.append(&mut shapes);
            }
            (start, filtered(list, rest_trimmed))
        }
        Completes::Function => {
            let list = registry::entries()
                .into_iter()
                .map(|e| e.name.to_string())
                .collect();
            (start, filtered(list, rest_trimmed))
        }
        Completes::Path => (start, file_completion::complete(rest_trimmed)),
        Completes::Words(words) => {
            let list = words.iter().map(|w| w.to_string()).collect();
            (start, filtered(list, rest_trimmed))
        }
        Completes::Nothing => (line.len(), Vec::new()),
    }
}

/// Inside a `"` string that starts after `before`.
fn string_choices(
    before: &str,
    stack: &[Open],
    text: &str,
    partial: &str,
    model: &Model,
) -> Vec<Choice> {
    if before.ends_with("import") {
        let list = stdlib::MODULES.iter().map(|(n, _)| n.to_string()).collect();
        return filtered(list, partial);
    }
    if before.ends_with("cognito.call(") || before.ends_with("cognito.paginate(") {
        let list = model
            .operations()
            .iter()
            .map(|o| o.name.to_string())
            .collect();
        return filtered(list, partial);
    }
    let Some(key_text) = before.strip_suffix(':') else {
        return Vec::new();
    };
    let Some(key) = key_before(key_text) else {
        return Vec::new();
    };
    if stack.last().map(|o| o.ch) != Some('{') {
        return Vec::new();
    }
    let Some((op, path)) = call_context(text, stack, model) else {
        return Vec::new();
    };
    let members: Vec<MemberInfo> = model.input_members_at(op, &as_strs(&path));
    let Some(member) = members.iter().find(|m| m.name == key) else {
        return Vec::new();
    };
    filtered(member.enum_values.clone(), partial)
}

/// The member name that ends `text` (`Name` or `"Name"`), if any.
fn key_before(text: &str) -> Option<String> {
    let text = text.trim_end();
    let text = text.strip_suffix('"').unwrap_or(text);
    let name: String = text
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!name.is_empty()).then_some(name)
}

/// Method names after `receiver.`.
fn method_names(receiver: &str, model: &Model, names: &Names) -> Vec<String> {
    let receiver = receiver.trim_end();
    let ident = key_before(receiver).unwrap_or_default();
    let is_ident_end = receiver.ends_with(ident.as_str()) && !ident.is_empty();
    if is_ident_end && ident == "cognito" && !receiver[..receiver.len() - 7].ends_with('.') {
        let mut list: Vec<String> = model
            .operations()
            .iter()
            .map(|o| o.snake_name.to_string())
            .collect();
        list.extend(registry_names(Some("cognito")));
        return list;
    }
    let json_var = is_ident_end && names.variables.iter().any(|(n, j)| *j && *n == ident);
    if json_var || is_json_call(receiver) {
        return registry_names(Some("json"));
    }
    let Some(chain) = access_chain(receiver) else {
        return Vec::new();
    };
    let Some((_, tree)) = names.keys.iter().rev().find(|(n, _)| *n == chain[0]) else {
        return Vec::new();
    };
    tree.at(&chain[1..]).map(KeyTree::names).unwrap_or_default()
}

/// The access chain that ends `text`: `pools.UserPools[0]` gives `pools`, `UserPools`, `[]`.
fn access_chain(text: &str) -> Option<Vec<String>> {
    let mut rest = text.trim_end();
    let mut chain = Vec::new();
    loop {
        if let Some(inner) = rest.strip_suffix(']') {
            let mut depth = 1usize;
            let mut open = None;
            for (i, c) in inner.char_indices().rev() {
                match c {
                    ']' => depth += 1,
                    '[' => {
                        depth -= 1;
                        if depth == 0 {
                            open = Some(i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            chain.push("[]".to_string());
            rest = &inner[..open?];
            continue;
        }
        let name = key_before(rest)?;
        if !rest.ends_with(name.as_str()) {
            return None;
        }
        rest = &rest[..rest.len() - name.len()];
        chain.push(name);
        match rest.strip_suffix('.') {
            Some(r) if !r.ends_with('.') => rest = r,
            _ => break,
        }
    }
    let first = chain.last()?;
    if first == "[]" || first.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    chain.reverse();
    Some(chain)
}

/// Whether `text` ends with a call `json(…)`.
fn is_json_call(text: &str) -> bool {
    let Some(inner) = text.strip_suffix(')') else {
        return false;
    };
    let state = scan::scan(inner);
    match state.stack.last() {
        Some(open) if open.ch == '(' && state.string.is_none() => {
            let callee = inner[..open.pos].trim_end();
            key_before(callee).as_deref() == Some("json")
                && !callee[..callee.len() - 4].ends_with('.')
        }
        _ => false,
    }
}

/// When the cursor is inside the argument of `cognito.<operation>(…)`: the operation and the
/// member path from the input's top level to the innermost open map or list.
pub fn call_context<'m>(
    text: &str,
    stack: &[Open],
    model: &'m Model,
) -> Option<(&'m Operation, Vec<String>)> {
    let call = stack.iter().rposition(|o| o.ch == '(')?;
    let callee = text[..stack[call].pos].trim_end();
    let name = key_before(callee)?;
    let receiver = callee[..callee.len() - name.len()].trim_end();
    if !receiver.strip_suffix('.')?.trim_end().ends_with("cognito") {
        return None;
    }
    let op = model.operations().iter().find(|o| o.snake_name == name)?;
    let inner = &stack[call + 1..];
    if inner.is_empty() {
        return Some((op, Vec::new()));
    }
    if inner[0].ch != '{' {
        return None;
    }
    let mut path = Vec::new();
    for pair in inner.windows(2) {
        let (outer, open) = (pair[0], pair[1]);
        if open.ch == '(' {
            return None;
        }
        let between = text[outer.pos + 1..open.pos].trim_end();
        let between = between.strip_suffix('#').unwrap_or(between).trim_end();
        if let Some(key_text) = between.strip_suffix(':') {
            path.push(key_before(key_text)?);
        }
    }
    Some((op, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        let pools = serde_json::json!({
            "UserPools": [{"Id": "us-west-2_A", "Name": "one", "LastModifiedDate": 1}],
            "NextToken": "t"
        });
        Names {
            functions: vec!["json".into(), "print".into(), "read_json".into()],
            variables: vec![("req".into(), true), ("pool".into(), false)],
            keys: vec![("pools".into(), KeyTree::from_json(&pools))],
            modules: vec![(
                "attrs".into(),
                vec![
                    "custom_number".into(),
                    "custom_string".into(),
                    "standard".into(),
                ],
            )],
        }
    }

    fn choices(text: &str) -> Vec<String> {
        let (start, found) = complete(text, Model::embedded(), &names());
        assert!(start <= text.len());
        found.into_iter().map(|c| c.replacement).collect()
    }

    #[test]
    fn operations_after_cognito_dot() {
        assert_eq!(
            choices("cognito.create_user_p"),
            vec![
                "create_user_pool",
                "create_user_pool_client",
                "create_user_pool_domain",
                "create_user_pool_replica"
            ]
        );
        assert!(choices("cognito.").len() >= 153);
    }

    #[test]
    fn members_at_each_nesting_level() {
        let top = choices("cognito.create_user_pool(#{ ");
        assert!(top.contains(&"PoolName".to_string()));
        assert!(top.contains(&"MfaConfiguration".to_string()));
        assert_eq!(
            choices("cognito.create_user_pool(#{ Pool"),
            vec!["PoolName"]
        );
        assert_eq!(
            choices(
                "cognito.create_user_pool(#{ PoolName: \"p\",\n Policies: #{ PasswordPolicy: #{ MinimumL"
            ),
            vec!["MinimumLength"]
        );
        assert_eq!(
            choices("cognito.create_user_pool(#{ Schema: [#{ Attribute"),
            vec!["AttributeDataType"]
        );
    }

    #[test]
    fn enum_values_after_a_member_quote() {
        assert_eq!(
            choices("cognito.create_user_pool(#{ MfaConfiguration: \""),
            vec!["OFF", "ON", "OPTIONAL"]
        );
        assert_eq!(
            choices("cognito.create_user_pool(#{ MfaConfiguration: \"O"),
            vec!["OFF", "ON", "OPTIONAL"]
        );
        assert_eq!(
            choices("cognito.create_user_pool(#{ MfaConfiguration: \"OP"),
            vec!["OPTIONAL"]
        );
    }

    #[test]
    fn stdlib_modules_inside_import() {
        assert_eq!(choices("import \"cog"), vec!["cognito/attributes"]);
    }

    #[test]
    fn json_methods_on_documents() {
        assert!(choices("req.update_s").contains(&"update_string".to_string()));
        assert!(choices("json().emit").contains(&"emit_compact".to_string()));
        assert!(
            choices("pool.emit").is_empty(),
            "pool is not a json() document"
        );
    }

    #[test]
    fn globals_and_variables() {
        assert_eq!(choices("rea"), vec!["read_json"]);
        assert_eq!(choices("po"), vec!["pool"]);
        assert_eq!(choices(":de"), vec![":describe"]);
        assert_eq!(
            choices(":describe UserPoolClientT"),
            vec!["UserPoolClientType"]
        );
        assert_eq!(
            choices(":describe CreateUserPoolC"),
            vec!["CreateUserPoolClient"]
        );
    }

    #[test]
    fn hints_name_missing_required_members() {
        let m = Model::embedded();
        assert_eq!(
            hint("cognito.create_user_pool(", m).as_deref(),
            Some("  // required: PoolName")
        );
        assert_eq!(
            hint("cognito.create_user_pool(#{ PoolName: \"x\", ", m),
            None
        );
        let h = hint("cognito.admin_create_user(#{ UserPoolId: \"x\", ", m).unwrap();
        assert!(h.contains("Username") && !h.contains("UserPoolId"), "{h}");
    }

    #[test]
    fn keys_of_live_values_after_a_dot() {
        assert_eq!(choices("pools."), vec!["NextToken", "UserPools"]);
        assert_eq!(choices("print(pools.Us"), vec!["UserPools"]);
        assert_eq!(
            choices("pools.UserPools[0]."),
            vec!["Id", "LastModifiedDate", "Name"]
        );
        assert_eq!(choices("pools.UserPools[i + 1].N"), vec!["Name"]);
        assert!(choices("pools.NextToken.").is_empty());
        assert!(choices("nobody.").is_empty());
    }

    #[test]
    fn module_members_after_the_alias() {
        assert_eq!(
            choices("attrs::custom_"),
            vec!["custom_number", "custom_string"]
        );
        assert!(choices("other::").is_empty());
    }

    #[test]
    fn cognito_and_json_methods_come_from_the_registry() {
        let cognito = choices("cognito.e");
        for name in ["each", "ensure_user_pool", "ensure_group"] {
            assert!(cognito.contains(&name.to_string()), "{name}: {cognito:?}");
        }
        assert!(choices("req.").contains(&"update_string".to_string()));
        assert_eq!(choices(":help admin_create_u"), vec!["admin_create_users"]);
        assert_eq!(
            choices(":describe create_user_pool_c"),
            vec!["create_user_pool_client"]
        );
    }

    /// Command names and their arguments complete from the one command table.
    #[test]
    fn commands_and_their_words_come_from_the_table() {
        assert_eq!(choices(":re"), vec![":redact"]);
        assert_eq!(choices(":s"), vec![":save", ":save!"]);
        assert_eq!(choices(":redact s"), vec!["strict"]);
        assert_eq!(choices(":pager o"), vec!["off", "on"]);
        assert_eq!(choices(":h UpdateStr"), vec!["UpdateString"]);
        assert_eq!(choices(":vars x"), Vec::<String>::new());
    }
}

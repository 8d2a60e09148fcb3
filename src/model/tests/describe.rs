//! `describe`: golden skeletons.

use super::{model, op, tree_model};

#[test]
fn create_group_skeleton() {
    let want = r"CreateGroup(input: CreateGroupRequest)
  GroupName: string  required  len 1..128  pattern [\p{L}\p{M}\p{S}\p{N}\p{P}]+
  UserPoolId: string  required  len 1..55  pattern [\w-]+_[0-9a-zA-Z]+
  Description: string  len ..2048
  RoleArn: string  len 20..2048  pattern arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?
  Precedence: integer  0..
returns CreateGroupResponse
  Group: { GroupType }
";
    assert_eq!(model().describe(op("CreateGroup")), want);
    assert_eq!(model().describe(op("create_group")), want);
}

#[test]
fn paginated_operation_without_structures() {
    let want = r"ListUsers(input: ListUsersRequest)
  UserPoolId: string  required  len 1..55  pattern [\w-]+_[0-9a-zA-Z]+
  AttributesToGet: [ string ]  each len 1..32  pattern [\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r ]+
  Limit: integer  0..60
  PaginationToken: string  len 1..  pattern [\S]+
  Filter: string  len ..256
returns ListUsersResponse
  Users: [ { UserType } ]
  PaginationToken: string
pages with PaginationToken (input) / PaginationToken (output); results in Users
";
    assert_eq!(model().describe(op("ListUsers")), want);
}

#[test]
fn nested_structures_lists_enums_and_maps() {
    let text = model().describe(op("CreateUserPool"));
    let want_in_order = [
        "CreateUserPool(input: CreateUserPoolRequest)\n",
        "\n  PoolName: string  required  len 1..128  pattern [\\w\\s+=,.@-]+\n",
        "\n  Policies: {\n    PasswordPolicy: {\n      MinimumLength: integer  6..99\n",
        "\n  MfaConfiguration: \"OFF\" | \"ON\" | \"OPTIONAL\"\n",
        "\n  UserPoolTags: map<string, string>  keys len 1..128  values len 0..256\n",
        "\n  Schema: [ {  items 1..50\n    Name: string  len 1..20",
        "\n  } ]\n",
        "\n  AccountRecoverySetting: {\n    RecoveryMechanisms: [ {  items 1..2\n      \
         Priority: integer  required  1..2\n",
        "\nreturns CreateUserPoolResponse\n  UserPool: { UserPoolType }\n",
    ];
    let mut from = 0;
    for piece in want_in_order {
        let at = text[from..]
            .find(piece)
            .unwrap_or_else(|| panic!("{piece:?} not found after byte {from} in\n{text}"));
        from += at + 1;
    }
    assert!(text.ends_with("  UserPool: { UserPoolType }\n"));
}

#[test]
fn unsigned_sensitive_and_no_output() {
    let text = model().describe(op("InitiateAuth"));
    assert!(text.starts_with(
        "InitiateAuth(input: InitiateAuthRequest)  unsigned (no AWS credentials needed)\n"
    ));
    assert!(
        text.contains("\n  ClientId: string  required  len 1..128  pattern [\\w+]+  sensitive\n")
    );
    assert!(text.contains("\n  AuthParameters: map<string, string>  sensitive  keys"));
    let text = model().describe(op("DeleteGroup"));
    assert!(text.ends_with("\nreturns nothing\n"), "{text}");
}

#[test]
fn recursion_is_cut_with_a_marker() {
    let m = tree_model();
    let want = "PutTree(input: PutTreeRequest)  unsigned (no AWS credentials needed)
  Root: {  required
    Name: string  required  len 1..
    Children: [ { … } ]  recursive Node  items ..3
  }
returns PutTreeResponse
  Root: { Node }
  Key: string  sensitive
";
    assert_eq!(m.describe(m.operation("PutTree").expect("op")), want);
}

#[test]
fn every_operation_describes_deterministically() {
    for o in model().operations() {
        let a = model().describe(o);
        assert_eq!(a, model().describe(o));
        assert!(a.starts_with(&format!("{}(", o.name)), "{a}");
        assert!(a.contains("\nreturns "), "{}", o.name);
    }
}

#[test]
fn member_doc_reaches_nested_members_through_lists() {
    let m = model();
    let doc = m
        .member_doc(op("CreateUserPool"), &["Schema", "Name"], false)
        .expect("member");
    assert_eq!(doc.parent, "SchemaAttributeType");
    assert_eq!(doc.type_text, "string");
    assert!(!doc.summary().is_empty());
    let mfa = m
        .member_doc(op("CreateUserPool"), &["MfaConfiguration"], false)
        .expect("member");
    assert_eq!(mfa.type_text, "\"OFF\" | \"ON\" | \"OPTIONAL\"");
    assert_eq!(
        mfa.summary(),
        "Sets multi-factor authentication (MFA) to be on, off, or optional."
    );
    let name = m
        .member_doc(op("CreateUserPool"), &["PoolName"], false)
        .expect("member");
    assert_eq!(
        name.signature(),
        r"string  required  len 1..128  pattern [\w\s+=,.@-]+"
    );
    assert!(
        m.member_doc(op("CreateUserPool"), &["Nope"], false)
            .unwrap_err()
            .contains("has no member `Nope`")
    );
}

#[test]
fn the_plain_skeleton_has_no_pattern_marks() {
    for o in model().operations() {
        assert!(!model().describe(o).contains('\u{1}'), "{}", o.name);
        assert!(!model().describe_output(o).contains('\u{1}'), "{}", o.name);
        let named = model().describe_named(o.name, false).expect("op");
        assert!(!named.contains('\u{1}'), "{}", o.name);
    }
}

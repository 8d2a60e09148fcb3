//! Statement-level porting: nothing disappears (a print that cannot be translated is a REVIEW
//! line), values held in variables are followed, Tcl's brace quoting and escapes, and the
//! language is told from the text of a `.txt` file.

use crate::support::Test;

fn port(name: &str, text: &str, extra: &[&str]) -> crate::support::Output {
    Test::new()
        .file(name, text)
        .args(["port", name])
        .args(extra.iter().copied())
        .run()
}

#[test]
fn a_print_that_cannot_be_translated_is_left_for_review_not_dropped() {
    let program = "var rest = new chilkat.Rest();\nvar json = new chilkat.JsonObject();\njson.UpdateInt(\"MaxResults\", 5);\nrest.AddHeader(\"X-Amz-Target\", \"AWSCognitoIdentityProviderService.ListUserPools\");\nconsole.log(\"at \" + new Date().toISOString());\nconsole.log(\"done\");\n";
    let out = port("p.js", program, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("line 5: not translated, left for review: console.log(\"at \" + new Date().toISOString())"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("print(\"done\");"), "{}", out.stdout);
}

#[test]
fn values_held_in_variables_are_followed_into_requests_regions_and_prints() {
    let program = r#"package main
func main() {
    region := "ap-southeast-2"
    poolId := region + "_AbC123"
    authAws := chilkat.NewAuthAws()
    authAws.SetRegion(region)
    rest := chilkat.NewRest()
    rest.Connect("cognito-idp." + region + ".amazonaws.com",443,true,true)
    json := chilkat.NewJsonObject()
    json.UpdateString("UserPoolId", poolId)
    json.UpdateString("Username", os.Args[1])
    rest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.AdminGetUser")
    fmt.Println("pool", poolId, "in", region)
}
"#;
    let out = port("p.go", program, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("cognito.with(#{ region: \"ap-southeast-2\" })"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("UserPoolId: \"ap-southeast-2_AbC123\","),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("print(\"pool ap-southeast-2_AbC123 in ap-southeast-2\");"),
        "{}",
        out.stdout
    );
    // A value that cannot be known stays for review.
    assert!(
        out.stderr.contains(
            "line 11: not translated, left for review: json.UpdateString(\"Username\", os.Args[1])"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn tcl_brace_quoting_and_backslash_escapes() {
    let program = r#"set rest [new_CkRest]
set json [new_CkJsonObject]
CkJsonObject_UpdateString $json {GroupName} {admins}
CkJsonObject_UpdateString $json "Description" {Click {##Verify Email##} to confirm.}
CkJsonObject_UpdateString $json "UserPoolId" "us-east-1_\[x\]"
CkRest_AddHeader $rest "X-Amz-Target" "AWSCognitoIdentityProviderService.CreateGroup"
puts {literal $x [y]}
"#;
    let out = port("p.tcl", program, &["--no-validate"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("GroupName: \"admins\","),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Description: \"Click {##Verify Email##} to confirm.\","),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("UserPoolId: \"us-east-1_[x]\","),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("print(\"literal $x [y]\");"),
        "{}",
        out.stdout
    );
}

#[test]
fn tcl_and_vb6_programs_saved_as_txt_are_recognised() {
    let tcl = "set rest [new_CkRest]\nset json [new_CkJsonObject]\nCkJsonObject_UpdateString $json \"PoolName\" \"p\"\nCkRest_AddHeader $rest \"X-Amz-Target\" \"AWSCognitoIdentityProviderService.CreateUserPool\"\n";
    let out = port("legacy.txt", tcl, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("(Tcl)"), "{}", out.stdout);
    assert!(out.stdout.contains("PoolName: \"p\""), "{}", out.stdout);

    let vb6 = "Dim rest As New ChilkatRest\nDim json As New ChilkatJsonObject\nsuccess = json.UpdateString(\"PoolName\", \"p\")\nrest.AddHeader \"X-Amz-Target\", \"AWSCognitoIdentityProviderService.CreateUserPool\"\nDebug.Print \"sent\"\n";
    let out = port("legacy.txt", vb6, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("(Visual Basic 6.0)"), "{}", out.stdout);
    assert!(out.stdout.contains("print(\"sent\");"), "{}", out.stdout);
}

#[test]
fn a_real_looking_key_in_a_print_is_not_copied() {
    let key = "AKIAZZZZEXAMPLE12345";
    let program = format!(
        "var rest = new chilkat.Rest();\nvar json = new chilkat.JsonObject();\njson.UpdateInt(\"MaxResults\", 5);\nrest.AddHeader(\"X-Amz-Target\", \"AWSCognitoIdentityProviderService.ListUserPools\");\nconsole.log(\"using {key}\");\n"
    );
    for style in ["idiomatic", "chilkat"] {
        let out = port("p.js", &program, &["--style", style]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!out.stdout.contains(key), "{}", out.stdout);
        assert!(
            out.stdout.contains("print(\"using <redacted key>\");"),
            "{}",
            out.stdout
        );
        assert!(
            out.stderr.contains("line 5: a printed literal"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn a_request_refused_by_validation_is_not_taken_for_a_failed_send() {
    let program = "var rest = new chilkat.Rest();\nvar json = new chilkat.JsonObject();\njson.UpdateInt(\"MaxResults\", 0);\nrest.AddHeader(\"X-Amz-Target\", \"AWSCognitoIdentityProviderService.ListUserPools\");\nvar sbReq = new chilkat.StringBuilder();\njson.EmitSb(sbReq);\nvar sbResp = new chilkat.StringBuilder();\nvar success = rest.FullRequestSb(\"POST\",\"/\",sbReq,sbResp);\nif (success !== true) {\n    console.log(rest.LastErrorText);\n    return;\n}\nconsole.log(\"sent\");\n";
    for style in ["idiomatic", "chilkat"] {
        let ported = port("p.js", program, &["--style", style, "-o", "p.rhai"]);
        assert_eq!(ported.code, 0, "{}", ported.stderr);
        let script = std::fs::read_to_string(ported._dir.path().join("p.rhai")).unwrap();
        let out = Test::new()
            .file("p.rhai", &script)
            .args(["run", "--dry-run", "--region", "us-east-1", "p.rhai"])
            .run();
        assert_ne!(out.code, 0, "{style}: {}\n{script}", out.stdout);
        assert!(out.stderr.contains("MaxResults"), "{style}: {}", out.stderr);
        assert!(!out.stdout.contains("sent"), "{style}: {}", out.stdout);
    }
}

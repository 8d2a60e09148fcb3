// Swift: json.updateString("...", value: "..."), \" escapes, true/false, // comments
func chilkatTest() {
    let rest = CkoRest()!
    let authAws = CkoAuthAws()!
    authAws.accessKey = "AWS_ACCESS_KEY"
    authAws.region = "ap-northeast-2"
    rest.setAuthAws(authAws)
    var success: Bool = rest.connect("cognito-idp.ap-northeast-2.amazonaws.com", port: 443, tls: true, autoReconnect: true)
    let json = CkoJsonObject()!
    // json.updateString("PoolName", value: "WRONG")
    json.updateString("PoolName", value: "fx_swift")
    json.updateString("EmailVerificationSubject", value: "Say \"hi\"")
    json.updateInt("Policies.PasswordPolicy.MinimumLength", value: 10)
    json.updateBool("Policies.PasswordPolicy.RequireSymbols", value: true)
    json.updateBool("Policies.PasswordPolicy.RequireNumbers", value: false)
    json.i = 0
    json.updateString("Schema[i].Name", value: "team")
    rest.addHeader("X-Amz-Target", value: "AWSCognitoIdentityProviderService.CreateUserPool")
    let sbRequestBody = CkoStringBuilder()!
    json.emitSb(sbRequestBody)
    let sbResponseBody = CkoStringBuilder()!
    success = rest.fullRequestSb("POST", uriPath: "/", requestBody: sbRequestBody, responseBody: sbResponseBody)
    let jsonResponse = CkoJsonObject()!
    jsonResponse.loadSb(sbResponseBody)
    print("\(jsonResponse.emit()!)")
}

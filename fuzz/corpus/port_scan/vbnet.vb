' VB.NET: "" escapes, True/False, ' and REM comments, _ continuation
Dim rest As New Chilkat.Rest
Dim authAws As New Chilkat.AuthAws
authAws.AccessKey = "AWS_ACCESS_KEY"
authAws.Region = "eu-central-1"
rest.SetAuthAws(authAws)
Dim success As Boolean = rest.Connect("cognito-idp.eu-central-1.amazonaws.com", 443, True, True)
Dim json As New Chilkat.JsonObject
REM json.UpdateString("PoolName","WRONG")
json.UpdateString("PoolName", _
    "fx_vbnet")
json.UpdateString("EmailVerificationSubject", "Say ""hi""") ' json.UpdateString("PoolName","WRONG")
json.UpdateInt("Policies.PasswordPolicy.MinimumLength", 10)
json.UpdateBool("Policies.PasswordPolicy.RequireSymbols", True)
json.UpdateBool("Policies.PasswordPolicy.RequireNumbers", False)
json.UpdateNewArray("AliasAttributes")
json.UpdateString("AliasAttributes[0]", "email")
json.UpdateString("AliasAttributes[1]", "preferred_username")
rest.AddHeader("X-Amz-Target", "AWSCognitoIdentityProviderService.CreateUserPool")
Dim sbRequestBody As New Chilkat.StringBuilder
json.EmitSb(sbRequestBody)
Dim sbResponseBody As New Chilkat.StringBuilder
success = rest.FullRequestSb("POST", "/", sbRequestBody, sbResponseBody)
Dim jsonResponse As New Chilkat.JsonObject
jsonResponse.LoadSb(sbResponseBody)
Dim poolId As String = jsonResponse.StringOf("UserPool.Id")
Debug.WriteLine(jsonResponse.Emit())

// Xojo: Chilkat.Rest, "" escapes, True/False, // and ' comments
Dim rest As New Chilkat.Rest
Dim authAws As New Chilkat.AuthAws
authAws.AccessKey = "AWS_ACCESS_KEY"
authAws.Region = "us-west-2"
Dim success As Boolean = rest.SetAuthAws(authAws)
success = rest.Connect("cognito-idp.us-west-2.amazonaws.com",443,True,True)
Dim json As New Chilkat.JsonObject
' success = json.UpdateString("PoolName","WRONG")
success = json.UpdateString("PoolName","fx_xojo")
success = json.UpdateString("EmailVerificationSubject","Say ""hi""") // json.UpdateString("PoolName","WRONG")
success = json.UpdateInt("Policies.PasswordPolicy.MinimumLength",10)
success = json.UpdateBool("Policies.PasswordPolicy.RequireSymbols",True)
success = json.UpdateBool("Policies.PasswordPolicy.RequireNumbers",False)
success = rest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool")
Dim sbRequestBody As New Chilkat.StringBuilder
success = json.EmitSb(sbRequestBody)
Dim sbResponseBody As New Chilkat.StringBuilder
success = rest.FullRequestSb("POST","/",sbRequestBody,sbResponseBody)
Dim jsonResponse As New Chilkat.JsonObject
success = jsonResponse.LoadSb(sbResponseBody)
System.DebugLog jsonResponse.Emit()

// PowerBuilder: OLEObject, ~" escapes, true/false, // and /* */ comments
integer li_rc
oleobject loo_Rest
oleobject loo_AuthAws
oleobject loo_Json
loo_Rest = create oleobject
li_rc = loo_Rest.ConnectToNewObject("Chilkat.Rest")
loo_AuthAws = create oleobject
li_rc = loo_AuthAws.ConnectToNewObject("Chilkat.AuthAws")
loo_AuthAws.AccessKey = "AWS_ACCESS_KEY"
loo_AuthAws.Region = "us-east-1"
loo_Rest.SetAuthAws(loo_AuthAws)
li_Success = loo_Rest.Connect("cognito-idp.us-east-1.amazonaws.com",443,1,1)
loo_Json = create oleobject
li_rc = loo_Json.ConnectToNewObject("Chilkat.JsonObject")
/* loo_Json.UpdateString("PoolName","WRONG") */
loo_Json.UpdateString("PoolName","fx_powerbuilder")
loo_Json.UpdateString("EmailVerificationSubject","Say ~"hi~" ~~ ok")
loo_Json.UpdateInt("Policies.PasswordPolicy.MinimumLength",10)
loo_Json.UpdateBool("Policies.PasswordPolicy.RequireSymbols",true)
loo_Json.UpdateBool("Policies.PasswordPolicy.RequireNumbers",false)
loo_Rest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool")
loo_SbRequestBody = create oleobject
li_rc = loo_SbRequestBody.ConnectToNewObject("Chilkat.StringBuilder")
loo_Json.EmitSb(loo_SbRequestBody)
loo_SbResponseBody = create oleobject
li_rc = loo_SbResponseBody.ConnectToNewObject("Chilkat.StringBuilder")
li_Success = loo_Rest.FullRequestSb("POST","/",loo_SbRequestBody,loo_SbResponseBody)
loo_JsonResponse = create oleobject
li_rc = loo_JsonResponse.ConnectToNewObject("Chilkat.JsonObject")
loo_JsonResponse.LoadSb(loo_SbResponseBody)
Write-Debug loo_JsonResponse.Emit()
destroy loo_Rest

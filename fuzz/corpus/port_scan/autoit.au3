; AutoIt: ObjCreate, "" and '' escapes, True/False, ; comments, _ continuation
Local $oRest = ObjCreate("Chilkat.Rest")
Local $oAuthAws = ObjCreate("Chilkat.AuthAws")
$oAuthAws.AccessKey = "AWS_ACCESS_KEY"
$oAuthAws.Region = "us-west-2"
$oRest.SetAuthAws($oAuthAws)
Local $bSuccess = $oRest.Connect("cognito-idp.us-west-2.amazonaws.com",443,True,True)
Local $oJson = ObjCreate("Chilkat.JsonObject")
; $oJson.UpdateString("PoolName","WRONG")
$oJson.UpdateString("PoolName", _
    "fx_autoit")
$oJson.UpdateString("EmailVerificationSubject","Say ""hi"" it's 'ok'")
$oJson.UpdateString("SmsAuthenticationMessage",'Code "{####}" isn''t late')
$oJson.UpdateInt("Policies.PasswordPolicy.MinimumLength",10)
$oJson.UpdateBool("Policies.PasswordPolicy.RequireSymbols",True)
$oJson.UpdateBool("Policies.PasswordPolicy.RequireNumbers",False)
$oRest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool")
Local $oSbRequestBody = ObjCreate("Chilkat.StringBuilder")
$oJson.EmitSb($oSbRequestBody)
Local $oSbResponseBody = ObjCreate("Chilkat.StringBuilder")
$bSuccess = $oRest.FullRequestSb("POST","/",$oSbRequestBody,$oSbResponseBody)
Local $oJsonResponse = ObjCreate("Chilkat.JsonObject")
$oJsonResponse.LoadSb($oSbResponseBody)
ConsoleWrite($oJsonResponse.Emit() & @CRLF)

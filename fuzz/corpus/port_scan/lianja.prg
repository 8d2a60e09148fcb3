// Lianja: createobject("CkRest"), // and && comments, .T./.F., [...] and '...' strings
loRest = createobject("CkRest")
loAuthAws = createobject("CkAuthAws")
loAuthAws.AccessKey = "AWS_ACCESS_KEY"
loAuthAws.SecretKey = "AWS_SECRET_KEY"
loAuthAws.Region = "eu-west-1"
loAuthAws.ServiceName = "cognito-idp"
loRest.SetAuthAws(loAuthAws)
llSuccess = loRest.Connect("cognito-idp.eu-west-1.amazonaws.com",443,.T.,.T.)
* loJson.UpdateString("PoolName","WRONG")
loJson = createobject("CkJsonObject")
loJson.UpdateString("PoolName",'fx_lianja')  && loJson.UpdateString("PoolName","WRONG")
loJson.UpdateString("EmailVerificationSubject",[Say "hi" it's ok])
loJson.UpdateInt("Policies.PasswordPolicy.MinimumLength",10)
loJson.UpdateBool("Policies.PasswordPolicy.RequireSymbols",.T.)
loJson.UpdateBool("Policies.PasswordPolicy.RequireNumbers",.f.)
loJson.UpdateString("AutoVerifiedAttributes[0]","email")
loRest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool")
loSbRequestBody = createobject("CkStringBuilder")
loJson.EmitSb(loSbRequestBody)
loSbResponseBody = createobject("CkStringBuilder")
llSuccess = loRest.FullRequestSb("POST","/",loSbRequestBody,loSbResponseBody)
if (llSuccess <> .T.) then
    ? loRest.LastErrorText
    return
endif
loJsonResponse = createobject("CkJsonObject")
loJsonResponse.LoadSb(loSbResponseBody)
lcId = loJsonResponse.StringOf("UserPool.Id")
loJsonResponse.EmitCompact = .F.
? loJsonResponse.Emit()
release loRest

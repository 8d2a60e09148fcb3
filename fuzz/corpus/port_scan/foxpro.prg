* Visual FoxPro: CreateObject('Chilkat.Rest'), * and && comments, .T./.F., ; continuation
LOCAL loRest, loAuthAws, loJson
loRest = CreateObject('Chilkat.Rest')
loAuthAws = CreateObject('Chilkat.AuthAws')
loAuthAws.AccessKey = "AWS_ACCESS_KEY"
loAuthAws.Region = "us-east-2"
loRest.SetAuthAws(loAuthAws)
lnSuccess = loRest.Connect("cognito-idp.us-east-2.amazonaws.com",443,1,1)
loJson = CreateObject('Chilkat.JsonObject')
* loJson.UpdateString("PoolName","WRONG")
loJson.UpdateString("PoolName", ;
    "fx_foxpro")
loJson.UpdateString("EmailVerificationSubject",'Say "hi"')  && a comment with "quotes"
loJson.UpdateInt("Policies.PasswordPolicy.MinimumLength",10)
loJson.UpdateBool("Policies.PasswordPolicy.RequireSymbols",.T.)
loJson.UpdateBool("Policies.PasswordPolicy.RequireNumbers",.F.)
loJson.UpdateString("AutoVerifiedAttributes[0]",[email])
loJson.UpdateString("PoolName","fx_foxpro_twice")
loRest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool")
loSbReq = CreateObject('Chilkat.StringBuilder')
loJson.EmitSb(loSbReq)
loSbResp = CreateObject('Chilkat.StringBuilder')
lnSuccess = loRest.FullRequestSb("POST","/",loSbReq,loSbResp)
loResp = CreateObject('Chilkat.JsonObject')
loResp.LoadSb(loSbResp)
? loResp.Emit()
RELEASE loRest

# Chilkat2-Python: chilkat2.Rest(), properties set directly, True/False, # comments
import chilkat2

rest = chilkat2.Rest()
authAws = chilkat2.AuthAws()
authAws.AccessKey = "AWS_ACCESS_KEY"
authAws.Region = "eu-west-1"
rest.SetAuthAws(authAws)
success = rest.Connect("cognito-idp.eu-west-1.amazonaws.com",443,True,True)
json = chilkat2.JsonObject()
# json.UpdateString("PoolName","WRONG")
json.UpdateString("PoolName","fx_chilkat2")
json.UpdateString("EmailVerificationSubject",'Say "hi" \'now\'')
json.UpdateInt("Policies.PasswordPolicy.MinimumLength",10)
json.UpdateBool("Policies.PasswordPolicy.RequireSymbols",True)
json.UpdateBool("Policies.PasswordPolicy.RequireNumbers",False)
json.I = 1
json.UpdateString("AutoVerifiedAttributes[0]","email")
json.UpdateString("AutoVerifiedAttributes[i]","phone_number")
rest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool")
sbRequestBody = chilkat2.StringBuilder()
json.EmitSb(sbRequestBody)
sbResponseBody = chilkat2.StringBuilder()
success = rest.FullRequestSb("POST","/",sbRequestBody,sbResponseBody)
jsonResponse = chilkat2.JsonObject()
jsonResponse.LoadSb(sbResponseBody)
jsonResponse.EmitCompact = False
print(jsonResponse.Emit())

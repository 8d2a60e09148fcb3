# Ruby: Chilkat::CkRest.new, \" escapes, true/false, # and =begin comments
require 'chilkat'
rest = Chilkat::CkRest.new()
authAws = Chilkat::CkAuthAws.new()
authAws.put_AccessKey("AWS_ACCESS_KEY")
authAws.put_Region("ap-northeast-1")
rest.SetAuthAws(authAws)
success = rest.Connect("cognito-idp.ap-northeast-1.amazonaws.com",443,true,true)
json = Chilkat::CkJsonObject.new()
=begin
json.UpdateString("PoolName","WRONG")
=end
json.UpdateString("PoolName","fx_ruby") # json.UpdateString("PoolName","WRONG")
json.UpdateString("EmailVerificationSubject","Say \"hi\"")
json.UpdateInt("Policies.PasswordPolicy.MinimumLength",10)
json.UpdateBool("Policies.PasswordPolicy.RequireSymbols",true)
json.UpdateBool("Policies.PasswordPolicy.RequireNumbers",false)
json.UpdateNumber("Policies.PasswordPolicy.TemporaryPasswordValidityDays","3")
rest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool")
sbRequestBody = Chilkat::CkStringBuilder.new()
json.EmitSb(sbRequestBody)
sbResponseBody = Chilkat::CkStringBuilder.new()
success = rest.FullRequestSb("POST","/",sbRequestBody,sbResponseBody)
jsonResponse = Chilkat::CkJsonObject.new()
jsonResponse.LoadSb(sbResponseBody)
print jsonResponse.emit() + "\n";

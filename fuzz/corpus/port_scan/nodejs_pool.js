// Node.js: a CreateUserPool with true/false, \" and \' escapes, and // /* */ comments
var chilkat = require('@chilkat/ck-node20-linux-x64');
var rest = new chilkat.Rest();
var authAws = new chilkat.AuthAws();
authAws.Region = "us-east-1";
rest.SetAuthAws(authAws);
var success = rest.Connect("cognito-idp.us-east-1.amazonaws.com",443,true,true);
var json = new chilkat.JsonObject();
/* json.UpdateString("PoolName","WRONG"); */
json.UpdateString("PoolName",'fx_node'); // json.UpdateString("PoolName","WRONG");
json.UpdateString("EmailVerificationSubject",'It\'s "ok"\tnow');
json.UpdateInt("Policies.PasswordPolicy.MinimumLength",10);
json.UpdateBool("Policies.PasswordPolicy.RequireSymbols",true);
json.UpdateBool("Policies.PasswordPolicy.RequireNumbers",false);
rest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool");
var sbRequestBody = new chilkat.StringBuilder();
json.EmitSb(sbRequestBody);
var sbResponseBody = new chilkat.StringBuilder();
success = rest.FullRequestSb("POST","/",sbRequestBody,sbResponseBody);
var jsonResponse = new chilkat.JsonObject();
jsonResponse.LoadSb(sbResponseBody);
var hasId = jsonResponse.HasMember("UserPool.Id");
console.log(jsonResponse.Emit());

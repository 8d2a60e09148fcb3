// C#: \" and @"" strings, true/false, // and /* */ comments, [i] writes with I
Chilkat.Rest rest = new Chilkat.Rest();
Chilkat.AuthAws authAws = new Chilkat.AuthAws();
authAws.AccessKey = "AWS_ACCESS_KEY";
authAws.SecretKey = "AWS_SECRET_KEY";
authAws.Region = "ap-south-1";
authAws.ServiceName = "cognito-idp";
rest.SetAuthAws(authAws);
bool success = rest.Connect("cognito-idp.ap-south-1.amazonaws.com", 443, true, true);
Chilkat.JsonObject json = new Chilkat.JsonObject();
/* json.UpdateString("PoolName", "WRONG");
   still a comment */
json.UpdateString("PoolName", "fx_csharp"); // json.UpdateString("PoolName", "WRONG");
json.UpdateString("EmailVerificationSubject", "Say \"hi\" \\ ok");
json.UpdateString("SmsAuthenticationMessage", @"Code ""{####}"" now");
json.UpdateInt("Policies.PasswordPolicy.MinimumLength", 10);
json.UpdateBool("Policies.PasswordPolicy.RequireSymbols", true);
json.UpdateBool("Policies.PasswordPolicy.RequireNumbers", false);
json.UpdateString("Schema[0].Name", "team");
json.I = 1;
json.UpdateString("Schema[i].Name", "level");
json.UpdateString("Schema[i].AttributeDataType", "Number");
rest.AddHeader("X-Amz-Target", "AWSCognitoIdentityProviderService.CreateUserPool");
Chilkat.StringBuilder sbRequestBody = new Chilkat.StringBuilder();
json.EmitSb(sbRequestBody);
Chilkat.StringBuilder sbResponseBody = new Chilkat.StringBuilder();
success = rest.FullRequestSb("POST", "/", sbRequestBody, sbResponseBody);
if (success != true) {
    Debug.WriteLine(rest.LastErrorText);
    return;
}
Chilkat.JsonObject jsonResponse = new Chilkat.JsonObject();
jsonResponse.LoadSb(sbResponseBody);
string id = jsonResponse.StringOf("UserPool.Id");
jsonResponse.EmitCompact = false;
Debug.WriteLine(jsonResponse.Emit());

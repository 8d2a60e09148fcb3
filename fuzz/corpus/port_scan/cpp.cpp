// C++: object.Method(...), \" escapes, true/false, put_ setters
#include <CkRest.h>

void ChilkatSample(void)
{
    CkRest rest;
    CkAuthAws authAws;
    authAws.put_AccessKey("AWS_ACCESS_KEY");
    authAws.put_Region("af-south-1");
    rest.SetAuthAws(authAws);
    bool success = rest.Connect("cognito-idp.af-south-1.amazonaws.com",443,true,true);
    CkJsonObject json;
    /* json.UpdateString("PoolName","WRONG"); */
    json.UpdateString("PoolName","fx_cpp");
    json.UpdateString("EmailVerificationSubject","Back\\slash \"q\"");
    json.UpdateInt("Policies.PasswordPolicy.MinimumLength",10);
    json.UpdateBool("Policies.PasswordPolicy.RequireSymbols",true);
    json.UpdateBool("Policies.PasswordPolicy.RequireNumbers",false);
    json.UpdateNull("UserPoolAddOns");
    rest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool");
    CkStringBuilder sbRequestBody;
    json.EmitSb(sbRequestBody);
    CkStringBuilder sbResponseBody;
    success = rest.FullRequestSb("POST","/",sbRequestBody,sbResponseBody);
    CkJsonObject jsonResponse;
    jsonResponse.LoadSb(sbResponseBody);
    jsonResponse.put_EmitCompact(false);
    std::cout << jsonResponse.emit() << "\r\n";
}

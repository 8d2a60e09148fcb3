// Unicode C++: CkJsonObjectW with L"..." strings
#include <CkRestW.h>

void ChilkatSample(void)
{
    CkRestW rest;
    CkAuthAwsW authAws;
    authAws.put_Region(L"eu-west-3");
    rest.SetAuthAws(authAws);
    bool success = rest.Connect(L"cognito-idp.eu-west-3.amazonaws.com",443,true,true);
    CkJsonObjectW json;
    // json.UpdateString(L"PoolName",L"WRONG");
    json.UpdateString(L"PoolName",L"fx_unicode_cpp");
    json.UpdateString(L"EmailVerificationSubject",L"Ça \"va\"");
    json.UpdateInt(L"Policies.PasswordPolicy.MinimumLength",10);
    json.UpdateBool(L"Policies.PasswordPolicy.RequireSymbols",true);
    json.UpdateBool(L"Policies.PasswordPolicy.RequireNumbers",false);
    rest.AddHeader(L"X-Amz-Target",L"AWSCognitoIdentityProviderService.CreateUserPool");
    CkStringBuilderW sbRequestBody;
    json.EmitSb(sbRequestBody);
    CkStringBuilderW sbResponseBody;
    success = rest.FullRequestSb(L"POST",L"/",sbRequestBody,sbResponseBody);
    CkJsonObjectW jsonResponse;
    jsonResponse.LoadSb(sbResponseBody);
    wprintf(L"%s\n",jsonResponse.emit());
}

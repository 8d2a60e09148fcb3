/* Unicode C: CkJsonObjectW_updateString(json, L"...", L"...") */
#include <C_CkRestW.h>

void ChilkatSample(void)
{
    rest = CkRestW_Create();
    authAws = CkAuthAwsW_Create();
    CkAuthAwsW_putRegion(authAws,L"ap-east-1");
    CkRestW_SetAuthAws(rest,authAws);
    success = CkRestW_Connect(rest,L"cognito-idp.ap-east-1.amazonaws.com",443,TRUE,TRUE);
    json = CkJsonObjectW_Create();
    // CkJsonObjectW_UpdateString(json,L"PoolName",L"WRONG");
    CkJsonObjectW_UpdateString(json,L"PoolName",L"fx_unicode_c");
    CkJsonObjectW_UpdateString(json,L"EmailVerificationSubject",L"Grüße \"hi\"");
    CkJsonObjectW_UpdateInt(json,L"Policies.PasswordPolicy.MinimumLength",10);
    CkJsonObjectW_UpdateBool(json,L"Policies.PasswordPolicy.RequireSymbols",TRUE);
    CkJsonObjectW_UpdateBool(json,L"Policies.PasswordPolicy.RequireNumbers",FALSE);
    CkRestW_AddHeader(rest,L"X-Amz-Target",L"AWSCognitoIdentityProviderService.CreateUserPool");
    CkJsonObjectW_EmitSb(json,sbRequestBody);
    success = CkRestW_FullRequestSb(rest,L"POST",L"/",sbRequestBody,sbResponseBody);
    CkJsonObjectW_LoadSb(jsonResponse,sbResponseBody);
    wprintf(L"%s\n",CkJsonObjectW_emit(jsonResponse));
}

/* C: CkJsonObject_UpdateString(json, ...), \" escapes, TRUE/FALSE, CkJsonObject_putI */
#include <C_CkRest.h>

void ChilkatSample(void)
{
    HCkRest rest;
    HCkAuthAws authAws;
    HCkJsonObject json;
    BOOL success;

    rest = CkRest_Create();
    authAws = CkAuthAws_Create();
    CkAuthAws_putAccessKey(authAws,"AWS_ACCESS_KEY");
    CkAuthAws_putRegion(authAws,"me-south-1");
    CkRest_SetAuthAws(rest,authAws);
    success = CkRest_Connect(rest,"cognito-idp.me-south-1.amazonaws.com",443,TRUE,TRUE);
    json = CkJsonObject_Create();
    // CkJsonObject_UpdateString(json,"PoolName","WRONG");
    CkJsonObject_UpdateString(json,"PoolName","fx_c");
    CkJsonObject_UpdateString(json,"EmailVerificationSubject","Say \"hi\"");
    CkJsonObject_UpdateInt(json,"Policies.PasswordPolicy.MinimumLength",10);
    CkJsonObject_UpdateBool(json,"Policies.PasswordPolicy.RequireSymbols",TRUE);
    CkJsonObject_UpdateBool(json,"Policies.PasswordPolicy.RequireNumbers",FALSE);
    CkJsonObject_putI(json,0);
    CkJsonObject_UpdateString(json,"Schema[i].Name","team");
    CkRest_AddHeader(rest,"X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool");
    sbRequestBody = CkStringBuilder_Create();
    CkJsonObject_EmitSb(json,sbRequestBody);
    sbResponseBody = CkStringBuilder_Create();
    success = CkRest_FullRequestSb(rest,"POST","/",sbRequestBody,sbResponseBody);
    jsonResponse = CkJsonObject_Create();
    CkJsonObject_LoadSb(jsonResponse,sbResponseBody);
    printf("%s\n",CkJsonObject_emit(jsonResponse));
    CkRest_Dispose(rest);
}

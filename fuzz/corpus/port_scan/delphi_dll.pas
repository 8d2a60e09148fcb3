// Delphi DLL: CkJsonObject_UpdateString(json, '...', '...'), '' escapes, True/False
procedure TForm1.Button1Click(Sender: TObject);
var
rest: HCkRest;
json: HCkJsonObject;
begin
rest := CkRest_Create();
authAws := CkAuthAws_Create();
CkAuthAws_putAccessKey(authAws,'AWS_ACCESS_KEY');
CkAuthAws_putRegion(authAws,'ap-south-1');
CkRest_SetAuthAws(rest,authAws);
success := CkRest_Connect(rest,'cognito-idp.ap-south-1.amazonaws.com',443,True,True);
json := CkJsonObject_Create();
{ CkJsonObject_UpdateString(json,'PoolName','WRONG'); }
CkJsonObject_UpdateString(json,'PoolName','fx_delphi_dll');
CkJsonObject_UpdateString(json,'EmailVerificationSubject','Don''t "panic"');
CkJsonObject_UpdateInt(json,'Policies.PasswordPolicy.MinimumLength',10);
CkJsonObject_UpdateBool(json,'Policies.PasswordPolicy.RequireSymbols',True);
CkJsonObject_UpdateBool(json,'Policies.PasswordPolicy.RequireNumbers',False);
CkRest_AddHeader(rest,'X-Amz-Target','AWSCognitoIdentityProviderService.CreateUserPool');
sbRequestBody := CkStringBuilder_Create();
CkJsonObject_EmitSb(json,sbRequestBody);
sbResponseBody := CkStringBuilder_Create();
success := CkRest_FullRequestSb(rest,'POST','/',sbRequestBody,sbResponseBody);
jsonResponse := CkJsonObject_Create();
CkJsonObject_LoadSb(jsonResponse,sbResponseBody);
Memo1.Lines.Add(CkJsonObject__emit(jsonResponse));
CkRest_Dispose(rest);
end;

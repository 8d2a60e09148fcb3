// Delphi (ActiveX): '' escapes, True/False, // { } and (* *) comments, := assignments
procedure TForm1.Button1Click(Sender: TObject);
var
rest: TChilkatRest;
authAws: TChilkatAuthAws;
json: TChilkatJsonObject;
success: Integer;
begin
rest := TChilkatRest.Create(Self);
authAws := TChilkatAuthAws.Create(Self);
authAws.AccessKey := 'AWS_ACCESS_KEY';
authAws.Region := 'us-gov-west-1';
rest.SetAuthAws(authAws.ControlInterface);
success := rest.Connect('cognito-idp.us-gov-west-1.amazonaws.com',443,1,1);
json := TChilkatJsonObject.Create(Self);
{ json.UpdateString('PoolName','WRONG'); }
(* json.UpdateString('PoolName','WRONG'); *)
json.UpdateString('PoolName','fx_delphi');
json.UpdateString('EmailVerificationSubject','It''s "quoted"');
json.UpdateInt('Policies.PasswordPolicy.MinimumLength',10);
json.UpdateBool('Policies.PasswordPolicy.RequireSymbols',True);
json.UpdateBool('Policies.PasswordPolicy.RequireNumbers',False);
json.I := 0;
json.J := 1;
json.UpdateString('Schema[i].Name','team');
rest.AddHeader('X-Amz-Target','AWSCognitoIdentityProviderService.CreateUserPool');
sbRequestBody := TChilkatStringBuilder.Create(Self);
json.EmitSb(sbRequestBody.ControlInterface);
sbResponseBody := TChilkatStringBuilder.Create(Self);
success := rest.FullRequestSb('POST','/',sbRequestBody.ControlInterface,sbResponseBody.ControlInterface);
jsonResponse := TChilkatJsonObject.Create(Self);
jsonResponse.LoadSb(sbResponseBody.ControlInterface);
Memo1.Lines.Add(jsonResponse.Emit());
end;

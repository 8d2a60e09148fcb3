# Tcl: CkJsonObject_UpdateString $json "..." "...", \" \[ \$ escapes, 1/0 booleans
load ./chilkat.dll

set rest [new_CkRest]
set authAws [new_CkAuthAws]
CkAuthAws_put_AccessKey $authAws "AWS_ACCESS_KEY"
CkAuthAws_put_Region $authAws "ap-southeast-1"
CkRest_SetAuthAws $rest $authAws
set success [CkRest_Connect $rest "cognito-idp.ap-southeast-1.amazonaws.com" 443 1 1]
set json [new_CkJsonObject]
# CkJsonObject_UpdateString $json "PoolName" "WRONG"
CkJsonObject_UpdateString $json "PoolName" "fx_tcl"
CkJsonObject_UpdateString $json "EmailVerificationSubject" "Cost \$5 \[now\] \"hi\""
CkJsonObject_UpdateInt $json "Policies.PasswordPolicy.MinimumLength" 10
CkJsonObject_UpdateBool $json "Policies.PasswordPolicy.RequireSymbols" 1
CkJsonObject_UpdateBool $json "Policies.PasswordPolicy.RequireNumbers" 0 ;# CkJsonObject_UpdateString $json "PoolName" "WRONG"
CkRest_AddHeader $rest "X-Amz-Target" "AWSCognitoIdentityProviderService.CreateUserPool"
set sbRequestBody [new_CkStringBuilder]
CkJsonObject_EmitSb $json $sbRequestBody
set sbResponseBody [new_CkStringBuilder]
set success [CkRest_FullRequestSb $rest "POST" "/" $sbRequestBody $sbResponseBody]
set jsonResponse [new_CkJsonObject]
CkJsonObject_LoadSb $jsonResponse $sbResponseBody
set poolId [CkJsonObject_stringOf $jsonResponse "UserPool.Id"]
puts [CkJsonObject_emit $jsonResponse]
delete_CkRest $rest

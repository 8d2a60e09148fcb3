<?php
// PHP extension: -> calls, \" and '' strings, true/false, // # and /* */ comments
include("chilkat.php");
$rest = new CkRest();
$authAws = new CkAuthAws();
$authAws->put_AccessKey('AWS_ACCESS_KEY');
$authAws->put_Region('eu-north-1');
$rest->SetAuthAws($authAws);
$success = $rest->Connect('cognito-idp.eu-north-1.amazonaws.com',443,true,true);
$json = new CkJsonObject();
# $json->UpdateString('PoolName','WRONG');
/* $json->UpdateString('PoolName','WRONG'); */
$json->UpdateString('PoolName','fx_php');
$json->UpdateString('EmailVerificationSubject',"It's \"quoted\"");
$json->UpdateInt('Policies.PasswordPolicy.MinimumLength',10);
$json->UpdateBool('Policies.PasswordPolicy.RequireSymbols',true);
$json->UpdateBool('Policies.PasswordPolicy.RequireNumbers',false);
$rest->AddHeader('X-Amz-Target','AWSCognitoIdentityProviderService.CreateUserPool');
$sbRequestBody = new CkStringBuilder();
$json->EmitSb($sbRequestBody);
$sbResponseBody = new CkStringBuilder();
$success = $rest->FullRequestSb('POST','/',$sbRequestBody,$sbResponseBody);
$jsonResponse = new CkJsonObject();
$jsonResponse->LoadSb($sbResponseBody);
$name = $jsonResponse->stringOf('UserPool.Name');
print $jsonResponse->emit() . "\n";
?>

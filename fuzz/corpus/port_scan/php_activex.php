<?php
// PHP ActiveX: new COM("Chilkat.Rest"), properties set directly, 1/0 booleans
$rest = new COM("Chilkat.Rest");
$authAws = new COM("Chilkat.AuthAws");
$authAws->AccessKey = 'AWS_ACCESS_KEY';
$authAws->Region = 'us-east-2';
$rest->SetAuthAws($authAws);
$success = $rest->Connect('cognito-idp.us-east-2.amazonaws.com',443,1,1);
$json = new COM("Chilkat.JsonObject");
// $json->UpdateString('PoolName','WRONG');
$json->UpdateString('PoolName','fx_php_activex');
$json->UpdateString('EmailVerificationSubject','It\'s "fine"');
$json->UpdateInt('Policies.PasswordPolicy.MinimumLength',10);
$json->UpdateBool('Policies.PasswordPolicy.RequireSymbols',1);
$json->UpdateBool('Policies.PasswordPolicy.RequireNumbers',0);
$rest->AddHeader('X-Amz-Target','AWSCognitoIdentityProviderService.CreateUserPool');
$sbRequestBody = new COM("Chilkat.StringBuilder");
$json->EmitSb($sbRequestBody);
$sbResponseBody = new COM("Chilkat.StringBuilder");
$success = $rest->FullRequestSb('POST','/',$sbRequestBody,$sbResponseBody);
$jsonResponse = new COM("Chilkat.JsonObject");
$jsonResponse->LoadSb($sbResponseBody);
print $jsonResponse->Emit() . "\n";
?>

# PowerShell: New-Object, backtick escapes, $true/$false, # and <# #> comments
Add-Type -Path "C:\chilkat\ChilkatDotNet47.dll"
$rest = New-Object Chilkat.Rest
$authAws = New-Object Chilkat.AuthAws
$authAws.AccessKey = "AWS_ACCESS_KEY"
$authAws.Region = "ap-southeast-2"
$rest.SetAuthAws($authAws)
$success = $rest.Connect("cognito-idp.ap-southeast-2.amazonaws.com",443,$true,$true)
$json = New-Object Chilkat.JsonObject
<# $json.UpdateString("PoolName","WRONG")
#>
$json.UpdateString("PoolName","fx_powershell")
$json.UpdateString("EmailVerificationSubject","Say `"hi`" and ""bye""")
$json.UpdateString("SmsAuthenticationMessage",'It''s {####}')
$json.UpdateInt("Policies.PasswordPolicy.MinimumLength",10)
$json.UpdateBool("Policies.PasswordPolicy.RequireSymbols",$true)
$json.UpdateBool("Policies.PasswordPolicy.RequireNumbers",$false)
$rest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool")
$sbRequestBody = New-Object Chilkat.StringBuilder
$json.EmitSb($sbRequestBody)
$sbResponseBody = New-Object Chilkat.StringBuilder
$success = $rest.FullRequestSb("POST","/",$sbRequestBody,$sbResponseBody)
$jsonResponse = New-Object Chilkat.JsonObject
$jsonResponse.LoadSb($sbResponseBody)
$jsonResponse.EmitCompact = $false
$($jsonResponse.Emit())

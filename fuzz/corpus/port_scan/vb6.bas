' Visual Basic 6.0: "" escapes, True/False, ' and Rem comments
Dim rest As New ChilkatRest
Dim authAws As New ChilkatAuthAws
authAws.Region = "us-west-1"
rest.SetAuthAws authAws
success = rest.Connect("cognito-idp.us-west-1.amazonaws.com", 443, 1, 1)
Dim json As New ChilkatJsonObject
Rem json.UpdateString "PoolName", "WRONG"
success = json.UpdateString("PoolName", "fx_vb6")
success = json.UpdateString("EmailVerificationSubject", "Say ""hi""")
success = json.UpdateInt("Policies.PasswordPolicy.MinimumLength", 10)
success = json.UpdateBool("Policies.PasswordPolicy.RequireSymbols", True)
success = json.UpdateBool("Policies.PasswordPolicy.RequireNumbers", False)
success = json.UpdateNull("UserPoolAddOns")
rest.AddHeader "X-Amz-Target", "AWSCognitoIdentityProviderService.CreateUserPool"
Dim sbRequestBody As New ChilkatStringBuilder
success = json.EmitSb(sbRequestBody)
Dim sbResponseBody As New ChilkatStringBuilder
success = rest.FullRequestSb("POST", "/", sbRequestBody, sbResponseBody)
Dim jsonResponse As New ChilkatJsonObject
success = jsonResponse.LoadSb(sbResponseBody)
Debug.Print jsonResponse.Emit()

// Go: chilkat.NewRest(), \" and `raw` strings, true/false, SetX setters
package main

import "chilkat"

func main() {
    rest := chilkat.NewRest()
    authAws := chilkat.NewAuthAws()
    authAws.SetAccessKey("AWS_ACCESS_KEY")
    authAws.SetRegion("us-west-2")
    rest.SetAuthAws(authAws)
    success := rest.Connect("cognito-idp.us-west-2.amazonaws.com",443,true,true)
    json := chilkat.NewJsonObject()
    /* json.UpdateString("PoolName","WRONG") */
    json.UpdateString("PoolName","fx_go") // json.UpdateString("PoolName","WRONG")
    json.UpdateString("EmailVerificationSubject",`Raw "quotes" \n kept`)
    json.UpdateInt("Policies.PasswordPolicy.MinimumLength",10)
    json.UpdateBool("Policies.PasswordPolicy.RequireSymbols",true)
    json.UpdateBool("Policies.PasswordPolicy.RequireNumbers",false)
    json.SetI(1)
    json.UpdateString("AutoVerifiedAttributes[0]","email")
    json.UpdateString("AutoVerifiedAttributes[i]","phone_number")
    rest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool")
    sbRequestBody := chilkat.NewStringBuilder()
    json.EmitSb(sbRequestBody)
    sbResponseBody := chilkat.NewStringBuilder()
    success = rest.FullRequestSb("POST","/",sbRequestBody,sbResponseBody)
    jsonResponse := chilkat.NewJsonObject()
    jsonResponse.LoadSb(sbResponseBody)
    fmt.Println(*jsonResponse.Emit())
    rest.DisposeRest()
}

// Node.js: \" and '' strings, true/false, // and /* */ comments, a nested I/J read loop
var os = require('os');
var chilkat = require('@chilkat/ck-node20-linux-x64');

function chilkatExample() {
    var rest = new chilkat.Rest();
    var authAws = new chilkat.AuthAws();
    authAws.AccessKey = "AWS_ACCESS_KEY";
    authAws.Region = "us-east-1";
    authAws.ServiceName = "cognito-idp";
    rest.SetAuthAws(authAws);
    var success = rest.Connect("cognito-idp.us-east-1.amazonaws.com",443,true,true);
    var json = new chilkat.JsonObject();
    /* json.UpdateString("UserPoolId","WRONG"); */
    json.UpdateString("UserPoolId",'us-east-1_abcDEF');
    json.UpdateString("Filter","username = \"jo'e\"");
    json.UpdateInt("Limit",5);
    rest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.ListUsers");
    var sbRequestBody = new chilkat.StringBuilder();
    json.EmitSb(sbRequestBody);
    var sbResponseBody = new chilkat.StringBuilder();
    success = rest.FullRequestSb("POST","/",sbRequestBody,sbResponseBody);
    var jResp = new chilkat.JsonObject();
    jResp.LoadSb(sbResponseBody);
    var i = 0;
    var count_i = jResp.SizeOfArray("Users");
    while (i < count_i) {
        jResp.I = i;
        var Username = jResp.StringOf("Users[i].Username");
        var Enabled = jResp.BoolOf("Users[i].Enabled");
        var j = 0;
        var count_j = jResp.SizeOfArray("Users[i].Attributes");
        while (j < count_j) {
            jResp.J = j;
            var Name = jResp.StringOf("Users[i].Attributes[j].Name");
            var Value = jResp.StringOf("Users[i].Attributes[j].Value");
            j = j+1;
        }
        i = i+1;
    }
    var token = jResp.StringOf("PaginationToken");
}
chilkatExample();

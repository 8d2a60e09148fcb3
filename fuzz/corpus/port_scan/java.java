// Java: \" escapes, true/false, // and /* */ comments, put_ setters
import com.chilkatsoft.*;

public class ChilkatExample {
  public static void main(String argv[]) {
    CkRest rest = new CkRest();
    CkAuthAws authAws = new CkAuthAws();
    authAws.put_AccessKey("AWS_ACCESS_KEY");
    authAws.put_SecretKey("AWS_SECRET_KEY");
    authAws.put_Region("sa-east-1");
    authAws.put_ServiceName("cognito-idp");
    rest.SetAuthAws(authAws);
    boolean success = rest.Connect("cognito-idp.sa-east-1.amazonaws.com",443,true,true);
    CkJsonObject json = new CkJsonObject();
    /** json.UpdateString("PoolName","WRONG"); */
    json.UpdateString("PoolName","fx_java");
    json.UpdateString("EmailVerificationSubject","Tab\there \"q\"");
    json.UpdateInt("Policies.PasswordPolicy.MinimumLength",10);
    json.UpdateBool("Policies.PasswordPolicy.RequireSymbols",true);
    json.UpdateBool("Policies.PasswordPolicy.RequireNumbers",false);
    json.UpdateNewObject("LambdaConfig");
    json.put_I(0);
    json.UpdateString("Schema[i].Name","team");
    rest.AddHeader("X-Amz-Target","AWSCognitoIdentityProviderService.CreateUserPool");
    CkStringBuilder sbRequestBody = new CkStringBuilder();
    json.EmitSb(sbRequestBody);
    CkStringBuilder sbResponseBody = new CkStringBuilder();
    success = rest.FullRequestSb("POST","/",sbRequestBody,sbResponseBody);
    CkJsonObject jsonResponse = new CkJsonObject();
    jsonResponse.LoadSb(sbResponseBody);
    int mins = jsonResponse.IntOf("UserPool.Policies.PasswordPolicy.MinimumLength");
    System.out.println(jsonResponse.emit());
  }
}

// Objective-C: [obj Method: @"..." value: @"..."], \" escapes, YES/NO, // and /* */ comments
#import <CkoRest.h>

CkoRest *rest = [[CkoRest alloc] init];
CkoAuthAws *authAws = [[CkoAuthAws alloc] init];
authAws.AccessKey = @"AWS_ACCESS_KEY";
authAws.Region = @"eu-central-1";
[rest SetAuthAws: authAws];
success = [rest Connect: @"cognito-idp.eu-central-1.amazonaws.com" port: [NSNumber numberWithInt: 443] tls: YES autoReconnect: YES];
CkoJsonObject *json = [[CkoJsonObject alloc] init];
// [json UpdateString: @"PoolName" value: @"WRONG"];
[json UpdateString: @"PoolName" value: @"fx_objc"];
[json UpdateString: @"EmailVerificationSubject" value: @"Say \"hi\""];
[json UpdateInt: @"Policies.PasswordPolicy.MinimumLength" value: [NSNumber numberWithInt: 10]];
[json UpdateBool: @"Policies.PasswordPolicy.RequireSymbols" value: YES];
[json UpdateBool: @"Policies.PasswordPolicy.RequireNumbers" value: NO];
[rest AddHeader: @"X-Amz-Target" value: @"AWSCognitoIdentityProviderService.CreateUserPool"];
CkoStringBuilder *sbRequestBody = [[CkoStringBuilder alloc] init];
[json EmitSb: sbRequestBody];
CkoStringBuilder *sbResponseBody = [[CkoStringBuilder alloc] init];
success = [rest FullRequestSb: @"POST" uriPath: @"/" requestBody: sbRequestBody responseBody: sbResponseBody];
CkoJsonObject *jsonResponse = [[CkoJsonObject alloc] init];
[jsonResponse LoadSb: sbResponseBody];
NSLog(@"%@",[jsonResponse Emit]);

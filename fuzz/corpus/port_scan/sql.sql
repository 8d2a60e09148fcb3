-- SQL Server: sp_OAMethod, '' escapes, 1/0 booleans, -- and /* */ comments
CREATE PROCEDURE ChilkatSample
AS
BEGIN
    DECLARE @hr int
    DECLARE @rest int
    EXEC @hr = sp_OACreate 'Chilkat.Rest', @rest OUT
    DECLARE @authAws int
    EXEC @hr = sp_OACreate 'Chilkat.AuthAws', @authAws OUT
    EXEC sp_OASetProperty @authAws, 'AccessKey', 'AWS_ACCESS_KEY'
    EXEC sp_OASetProperty @authAws, 'Region', 'us-east-2'
    EXEC sp_OAMethod @rest, 'SetAuthAws', @success OUT, @authAws
    EXEC sp_OAMethod @rest, 'Connect', @success OUT, 'cognito-idp.us-east-2.amazonaws.com', 443, 1, 1
    DECLARE @json int
    EXEC @hr = sp_OACreate 'Chilkat.JsonObject', @json OUT
    -- EXEC sp_OAMethod @json, 'UpdateString', @success OUT, 'PoolName', 'WRONG'
    /* EXEC sp_OAMethod @json, 'UpdateString', @success OUT, 'PoolName', 'WRONG' */
    EXEC sp_OAMethod @json, 'UpdateString', @success OUT, 'PoolName', 'fx_sql'
    EXEC sp_OAMethod @json, 'UpdateString', @success OUT, 'EmailVerificationSubject', 'It''s "quoted"'
    EXEC sp_OAMethod @json, 'UpdateInt', @success OUT, 'Policies.PasswordPolicy.MinimumLength', 10
    EXEC sp_OAMethod @json, 'UpdateBool', @success OUT, 'Policies.PasswordPolicy.RequireSymbols', 1
    EXEC sp_OAMethod @json, 'UpdateBool', @success OUT, 'Policies.PasswordPolicy.RequireNumbers', 0
    EXEC sp_OASetProperty @json, 'I', 0
    EXEC sp_OAMethod @json, 'UpdateString', @success OUT, 'Schema[i].Name', 'team'
    EXEC sp_OAMethod @rest, 'AddHeader', @success OUT, 'X-Amz-Target', 'AWSCognitoIdentityProviderService.CreateUserPool'
    DECLARE @sbRequestBody int
    EXEC @hr = sp_OACreate 'Chilkat.StringBuilder', @sbRequestBody OUT
    EXEC sp_OAMethod @json, 'EmitSb', @success OUT, @sbRequestBody
    DECLARE @sbResponseBody int
    EXEC @hr = sp_OACreate 'Chilkat.StringBuilder', @sbResponseBody OUT
    EXEC sp_OAMethod @rest, 'FullRequestSb', @success OUT, 'POST', '/', @sbRequestBody, @sbResponseBody
    DECLARE @jsonResponse int
    EXEC @hr = sp_OACreate 'Chilkat.JsonObject', @jsonResponse OUT
    EXEC sp_OAMethod @jsonResponse, 'LoadSb', @success OUT, @sbResponseBody
    DECLARE @sTmp0 nvarchar(4000)
    EXEC sp_OAMethod @jsonResponse, 'StringOf', @sTmp0 OUT, 'UserPool.Id'
    EXEC sp_OAMethod @jsonResponse, 'Emit', @sTmp0 OUT
    PRINT @sTmp0
    EXEC @hr = sp_OADestroy @rest
END
GO

using CxServerless.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Security;

/// <summary>
/// The start-up refusal that keeps the handler's trust in <c>x-ms-client-principal</c> sound: in Azure
/// (<see cref="AzurePlatform.IsAzure"/>) the handler starts only behind App Service Authentication
/// (<see cref="AzurePlatform.AuthenticationEnabled"/>), which strips forged principal headers, and only with
/// development identities off. Locally nothing is required.
/// </summary>
public sealed class SecurityOptionsValidation(IConfiguration configuration) : IValidateOptions<SecurityOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options, AzurePlatform.IsAzure(configuration), AzurePlatform.AuthenticationEnabled(configuration));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Why the handler must not start with these settings on this platform; empty when it may.</summary>
    public static IReadOnlyList<string> Problems(SecurityOptions options, bool inAzure, bool authenticationEnabled)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!inAzure)
        {
            return problems;
        }

        if (!authenticationEnabled)
        {
            problems.Add(
                $"App Service Authentication is off ({HandlerSettings.WebsiteAuthEnabled} is not True): the handler reads the " +
                "caller from x-ms-client-principal, which only App Service Authentication may set. Turn it on " +
                "(authsettingsV2 with platform.enabled and requireAuthentication, as infra/modules/functionApp.bicep deploys it).");
        }

        if (options.DevelopmentIdentities)
        {
            problems.Add(
                $"Setting '{HandlerSettings.DevelopmentIdentities}' is true in Azure: development principals would let any caller " +
                "pick a role. Remove the setting; it is for cx-host only.");
        }

        return problems;
    }
}

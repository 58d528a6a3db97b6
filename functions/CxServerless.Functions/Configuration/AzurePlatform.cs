namespace CxServerless.Functions.Configuration;

/// <summary>
/// What the handler learns about its platform from the variables Azure App Service and Functions set on every
/// instance. The one place that decides "this runs in Azure"; start-up checks that must be stricter there use it.
/// </summary>
public static class AzurePlatform
{
    /// <summary>True when the handler runs on Azure App Service or Functions (the platform sets these variables).</summary>
    public static bool IsAzure(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrEmpty(configuration[HandlerSettings.WebsiteInstanceId]) ||
            !string.IsNullOrEmpty(configuration[HandlerSettings.WebsiteSiteName]);
    }

    /// <summary>
    /// True when the platform says App Service Authentication is on for the app: it sets <c>WEBSITE_AUTH_ENABLED</c>
    /// to <c>True</c> when <c>authsettingsV2</c> has <c>platform.enabled</c> (the variable Microsoft.Identity.Web's
    /// <c>AppServicesAuthenticationInformation</c> reads for the same purpose).
    /// </summary>
    public static bool AuthenticationEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return bool.TryParse(configuration[HandlerSettings.WebsiteAuthEnabled]?.Trim(), out var enabled) && enabled;
    }
}

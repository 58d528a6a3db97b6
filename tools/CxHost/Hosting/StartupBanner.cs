using CxHost.Configuration;
using CxHost.EventHubs;

namespace CxHost.Hosting;

/// <summary>Prints what cx-host serves once it is up: the dashboard, health, the Event Hubs send endpoint and storage.</summary>
public sealed class StartupBanner(ILogger<StartupBanner> logger)
{
    /// <summary>Logs the URLs and the functions.</summary>
    public void Print(Uri baseAddress, FunctionAppDefinition app, string storage, bool startedAzurite)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(app);
        var root = baseAddress.ToString().TrimEnd('/');
        var prefix = app.Host.RoutePrefix.Trim('/');
        var hubs = app.WithTrigger("eventHubTrigger")
            .Select(f => EventHubBinding.For(f, app.Settings).Hub)
            .Distinct()
            .DefaultIfEmpty(app.Settings.Get("CxEventHubName") ?? "{hub}");
        var blob = Storage.AzuriteLauncher.Endpoints(storage)[0];
        logger.LogInformation("cx-host is up ({Count} functions)", app.Functions.Count);
        logger.LogInformation("  Dashboard:        {Url}", $"{root}/{prefix}/dashboard");
        logger.LogInformation("  Health:           {Url}", $"{root}/{prefix}/health");
        foreach (var hub in hubs)
        {
            logger.LogInformation("  Event Hubs send:  POST {Url}", $"{root}/{hub}/messages");
        }

        logger.LogInformation(
            "  Azurite:          {Url} ({How})",
            blob.GetLeftPart(UriPartial.Authority),
            startedAzurite ? "started by cx-host" : "already running");
        foreach (var function in app.Functions)
        {
            logger.LogInformation("  {Function}: {Trigger}", function.Name, function.Trigger.Type);
        }
    }
}

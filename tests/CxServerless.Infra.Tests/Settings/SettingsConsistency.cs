using CxServerless.Functions.Configuration;

namespace CxServerless.Infra.Tests.Settings;

/// <summary>
/// Checks that the settings the app reads (function.json references and handler code), the catalog
/// (<see cref="HandlerSettings.All"/>), the Bicep app settings and <c>local.settings.sample.json</c> agree.
/// </summary>
internal static class SettingsConsistency
{
    /// <summary>
    /// App settings that Flex Consumption does not support or that functionAppConfig replaced
    /// (Microsoft Learn, "App settings reference for Azure Functions", Flex Consumption plan deprecations).
    /// </summary>
    public static IReadOnlyList<string> FlexDeprecatedSettings { get; } =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_WORKER_RUNTIME_VERSION", "FUNCTIONS_EXTENSION_VERSION",
        "FUNCTIONS_MAX_HTTP_CONCURRENCY", "FUNCTIONS_WORKER_PROCESS_COUNT", "FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED",
        "SCALE_CONTROLLER_SCALE_DOWN_DELAY", "SCM_DO_BUILD_DURING_DEPLOYMENT", "ENABLE_ORYX_BUILD",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTOVERVNET", "WEBSITE_CONTENTSHARE",
        "WEBSITE_DNS_SERVER", "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT", "WEBSITE_NODE_DEFAULT_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_SKIP_CONTENTSHARE_VALIDATION", "WEBSITE_VNET_ROUTE_ALL",
        "WEBSITE_TIME_ZONE", "TZ",
    ];

    /// <summary>Every disagreement, as a sentence that says what to add or remove where.</summary>
    public static IReadOnlyList<string> Check(
        IReadOnlyList<HandlerSetting> catalog,
        IEnumerable<SettingReference> functionJsonReferences,
        IEnumerable<SettingReference> handlerReads,
        IReadOnlyCollection<string> bicepSettings,
        IReadOnlyCollection<string> localSettings)
    {
        var problems = new List<string>();
        HandlerSetting? Find(string key) => catalog.FirstOrDefault(setting => setting.Matches(key));

        foreach (var reference in functionJsonReferences)
        {
            if (Find(reference.Name) is null)
            {
                problems.Add($"{reference.Source} refers to setting '{reference.Name}', which HandlerSettings.All does not list.");
            }
        }

        foreach (var read in handlerReads)
        {
            if (Find(read.Name) is null)
            {
                problems.Add($"{read.Source} reads setting '{read.Name}', which HandlerSettings.All does not list.");
            }
        }

        foreach (var setting in catalog)
        {
            problems.AddRange(CheckPlacement(setting, bicepSettings, localSettings));
        }

        problems.AddRange(bicepSettings
            .Where(key => Find(key) is not { Scope: SettingScope.Everywhere or SettingScope.AzureOnly })
            .Select(key => $"Bicep app setting '{key}' is read by nothing in HandlerSettings.All (or is local-only); remove it."));
        problems.AddRange(localSettings
            .Where(key => Find(key) is not { Scope: SettingScope.Everywhere or SettingScope.LocalOnly or SettingScope.AzureOnly })
            .Select(key => $"local.settings.sample.json setting '{key}' is read by nothing in HandlerSettings.All; remove it."));
        problems.AddRange(bicepSettings
            .Where(key => FlexDeprecatedSettings.Contains(key, StringComparer.OrdinalIgnoreCase))
            .Select(key => $"Bicep app setting '{key}' is not supported on Flex Consumption; remove it."));
        return problems;
    }

    private static IEnumerable<string> CheckPlacement(HandlerSetting setting, IReadOnlyCollection<string> bicep, IReadOnlyCollection<string> local)
    {
        var inBicep = bicep.Any(setting.Matches);
        var inLocal = local.Any(setting.Matches);
        var required = setting.Shape != SettingShape.Section;
        switch (setting.Scope)
        {
            case SettingScope.Everywhere:
                if (required && !inBicep)
                {
                    yield return $"'{setting.Name}' is missing from the Bicep app settings (infra/modules/appSettings.bicep).";
                }

                if (required && !inLocal)
                {
                    yield return $"'{setting.Name}' is missing from local.settings.sample.json.";
                }

                break;
            case SettingScope.LocalOnly:
                if (required && !inLocal)
                {
                    yield return $"'{setting.Name}' is missing from local.settings.sample.json.";
                }

                if (inBicep)
                {
                    yield return $"'{setting.Name}' is local-only and must not be in the Bicep app settings.";
                }

                break;
            case SettingScope.AzureOnly:
                if (required && !inBicep)
                {
                    yield return $"'{setting.Name}' is missing from the Bicep app settings (infra/modules/appSettings.bicep).";
                }

                break;
            case SettingScope.HostProvided:
                if (inBicep || inLocal)
                {
                    yield return $"'{setting.Name}' is set by the Functions host; remove it from the Bicep app settings and local.settings.sample.json.";
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown scope {setting.Scope}.");
        }
    }
}

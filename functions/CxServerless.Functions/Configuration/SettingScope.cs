namespace CxServerless.Functions.Configuration;

/// <summary>Where an app setting must be defined; the Infra tests enforce it against Bicep and the local sample.</summary>
public enum SettingScope
{
    /// <summary>In the Bicep app settings and in <c>local.settings.sample.json</c>.</summary>
    Everywhere,

    /// <summary>Only in <c>local.settings.sample.json</c>; the Bicep app settings must not carry it.</summary>
    LocalOnly,

    /// <summary>Only in the Bicep app settings (read by the Functions host or the Azure Monitor exporter in Azure).</summary>
    AzureOnly,

    /// <summary>Set by the Functions host for the handler process at run time; in neither file.</summary>
    HostProvided,
}

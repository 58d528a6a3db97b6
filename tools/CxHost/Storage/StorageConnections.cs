using CxHost.Configuration;

namespace CxHost.Storage;

/// <summary>
/// Turns a binding's <c>connection</c> into a storage connection string the way the Functions host looks it up
/// (<c>Name</c>, then <c>AzureWebJobsName</c>; empty means <c>AzureWebJobsStorage</c>). <c>UseDevelopmentStorage=true</c>
/// and, when <c>--storage</c> is given, every development-storage connection become that account.
/// </summary>
public sealed class StorageConnections(AppSettings settings, string? storageOverride)
{
    /// <summary>The name of the host's own storage setting.</summary>
    public const string HostStorageSetting = "AzureWebJobsStorage";

    /// <summary>Azurite's connection string on its default ports.</summary>
    public const string DevelopmentStorage =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    /// <summary>The host's storage (<c>AzureWebJobsStorage</c>): checkpoints, timer status, the local event log.</summary>
    public string Host => Resolve(HostStorageSetting);

    /// <summary>The connection string for a binding's <c>connection</c> property.</summary>
    /// <exception cref="InvalidOperationException">No such setting.</exception>
    public string Resolve(string? connection)
    {
        var name = string.IsNullOrWhiteSpace(connection) ? HostStorageSetting : connection;
        var value = settings.Get(name) ?? settings.Get("AzureWebJobs" + name);
        if (value is null && storageOverride is null)
        {
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not an app setting. Add it to local.settings.json Values (identity-based " +
                "'__serviceUri' connections are not supported by cx-host).");
        }

        return Rewrite(name, value);
    }

    /// <summary>The settings with every development-storage connection rewritten, as the handler's environment.</summary>
    public IReadOnlyDictionary<string, string> HandlerEnvironment()
    {
        var env = settings.Values.ToDictionary(
            p => p.Key,
            p => IsDevelopmentStorage(p.Value) || p.Key.Equals(HostStorageSetting, StringComparison.OrdinalIgnoreCase)
                ? Rewrite(p.Key, p.Value)
                : p.Value,
            StringComparer.OrdinalIgnoreCase);
        env[HostStorageSetting] = Host;
        return env;
    }

    /// <summary>True for <c>UseDevelopmentStorage=true</c>.</summary>
    public static bool IsDevelopmentStorage(string? value) =>
        value is not null && value.Replace(" ", string.Empty, StringComparison.Ordinal)
            .StartsWith("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);

    private string Rewrite(string name, string? value)
    {
        if (storageOverride is not null
            && (value is null || IsDevelopmentStorage(value) || name.Equals(HostStorageSetting, StringComparison.OrdinalIgnoreCase)))
        {
            return storageOverride;
        }

        return IsDevelopmentStorage(value) ? DevelopmentStorage : value!;
    }
}

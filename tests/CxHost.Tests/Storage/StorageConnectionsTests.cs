using CxHost.Configuration;
using CxHost.Storage;

namespace CxHost.Tests.Storage;

public sealed class StorageConnectionsTests
{
    private static readonly AppSettings Settings = new(new Dictionary<string, string>
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["Other"] = "DefaultEndpointsProtocol=https;AccountName=real;AccountKey=a2V5;EndpointSuffix=core.windows.net",
        ["AzureWebJobsPrefixed"] = "UseDevelopmentStorage=true",
        ["CxEventHubName"] = "cx-events",
    });

    [Fact]
    public void Development_storage_becomes_azurite_on_its_default_ports()
    {
        var connections = new StorageConnections(Settings, null);
        Assert.Equal(StorageConnections.DevelopmentStorage, connections.Host);
        Assert.Equal(StorageConnections.DevelopmentStorage, connections.Resolve(""));
        Assert.Equal(StorageConnections.DevelopmentStorage, connections.Resolve("Prefixed"));
        Assert.Contains("AccountName=real", connections.Resolve("Other"), StringComparison.Ordinal);
        Assert.Equal(["http://127.0.0.1:10000/devstoreaccount1", "http://127.0.0.1:10001/devstoreaccount1", "http://127.0.0.1:10002/devstoreaccount1"],
            AzuriteLauncher.Endpoints(connections.Host).Select(u => u.ToString()));
    }

    [Fact]
    public void The_storage_option_replaces_development_storage_but_not_real_accounts()
    {
        const string Custom = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/d;QueueEndpoint=http://127.0.0.1:2/d;TableEndpoint=http://127.0.0.1:3/d;";
        var connections = new StorageConnections(Settings, Custom);

        Assert.Equal(Custom, connections.Host);
        var env = connections.HandlerEnvironment();
        Assert.Equal(Custom, env["AzureWebJobsStorage"]);
        Assert.Equal(Custom, env["AzureWebJobsPrefixed"]);
        Assert.Contains("AccountName=real", env["Other"], StringComparison.Ordinal);
        Assert.Equal("cx-events", env["CxEventHubName"]);
    }

    [Fact]
    public void A_missing_connection_is_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new StorageConnections(Settings, null).Resolve("Missing"));
        Assert.Contains("'Missing'", error.Message, StringComparison.Ordinal);
    }
}

using CxHost.Configuration;

namespace CxHost.Tests.Configuration;

public sealed class HostConfigurationTests
{
    [Fact]
    public void Parse_reads_the_handler_timeout_and_extension_settings()
    {
        var host = HostConfiguration.Parse("""
            {
              "version": "2.0",
              "functionTimeout": "00:02:00",
              "customHandler": { "description": { "defaultExecutablePath": "handler/App", "workingDirectory": "", "arguments": ["--x"] } },
              "extensions": {
                "http": { "routePrefix": "" },
                "queues": { "maxPollingInterval": "00:00:02", "visibilityTimeout": "00:00:05", "batchSize": 64, "maxDequeueCount": 3, "messageEncoding": "none" },
                "eventHubs": { "maxEventBatchSize": 50, "batchCheckpointFrequency": 4, "initialOffsetOptions": { "type": "fromEnd" } }
              }
            }
            """);

        Assert.Equal(TimeSpan.FromMinutes(2), host.FunctionTimeout);
        Assert.Equal("handler/App", host.ExecutablePath);
        Assert.Equal(["--x"], host.Arguments);
        Assert.Equal(string.Empty, host.RoutePrefix);
        Assert.Equal(new QueueSettings(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), 32, 16, 3, false), host.Queues);
        Assert.Equal(new EventHubSettings(50, true, 4), host.EventHubs);
    }

    [Fact]
    public void Parse_applies_the_functions_defaults()
    {
        var host = HostConfiguration.Parse("""{ "customHandler": { "description": { "defaultExecutablePath": "h" } } }""");

        Assert.Equal(TimeSpan.FromMinutes(5), host.FunctionTimeout);
        Assert.Equal("api", host.RoutePrefix);
        Assert.Equal(new QueueSettings(TimeSpan.FromMinutes(1), TimeSpan.Zero, 16, 8, 5, true), host.Queues);
        Assert.Equal(new EventHubSettings(100, false, 1), host.EventHubs);
    }

    [Theory]
    [InlineData("""{ "version": "2.0" }""", "customHandler.description")]
    [InlineData("""{ "customHandler": { "description": {} } }""", "defaultExecutablePath")]
    [InlineData("""{ "functionTimeout": "soon", "customHandler": { "description": { "defaultExecutablePath": "h" } } }""", "time span")]
    public void Parse_rejects_a_host_json_it_cannot_run(string json, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(() => HostConfiguration.Parse(json));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_host_json_parses()
    {
        var host = HostConfiguration.Parse(File.ReadAllText(Path.Combine(CxServerless.Testing.AzuriteFixture.RepositoryRoot(), "functions", "host.json")));
        Assert.Equal("handler/CxServerless.Functions", host.ExecutablePath);
        Assert.False(host.Queues.Base64);
    }
}

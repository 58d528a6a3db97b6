using CxHost.Configuration;
using CxHost.Envelope;

namespace CxHost.Tests.Configuration;

public sealed class CommandLineTests
{
    private static readonly string App = Path.Combine(CxServerless.Testing.AzuriteFixture.RepositoryRoot(), "functions");

    [Fact]
    public void TryParse_reads_every_option()
    {
        var options = CommandLine.TryParse(["--app", App, "--port", "7072", "--as", "teamlead", "--team", "team-sales", "--sim", "--partitions", "8", "--envelope", "plain", "--storage", "UseDevelopmentStorage=true"], out var error);

        Assert.Null(error);
        Assert.NotNull(options);
        Assert.Equal(7072, options.Port);
        Assert.Equal("TeamLead", options.DevelopmentRole);
        Assert.Equal("team-sales", options.DevelopmentTeam);
        Assert.True(options.Simulator);
        Assert.Equal(8, options.EventHubPartitions);
        Assert.Equal(EnvelopeEncoding.Plain, options.Encoding);
        Assert.Equal("UseDevelopmentStorage=true", options.Storage);
    }

    [Theory]
    [InlineData(new[] { "--port", "1" }, "--app is required")]
    [InlineData(new[] { "--app", "/nowhere" }, "has no host.json")]
    [InlineData(new[] { "--bogus" }, "unknown option")]
    [InlineData(new[] { "--app" }, "needs a value")]
    [InlineData(new[] { "--envelope", "triple" }, "not 'double' or 'plain'")]
    [InlineData(new[] { "--team", "no spaces please" }, "--team")]
    public void TryParse_explains_bad_arguments(string[] args, string reason)
    {
        var fullArgs = args.Contains("--app") || args.Contains("--bogus") || args.Contains("--port") ? args : ["--app", App, .. args];
        Assert.Null(CommandLine.TryParse(fullArgs, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_reads_instances_and_keeps_the_sdk_balancing_defaults()
    {
        var options = CommandLine.TryParse(["--app", App, "--instances", "3"], out var error);

        Assert.Null(error);
        Assert.Equal(3, options!.ScaleOut.Instances);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ScaleOut.LoadBalancingUpdateInterval);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ScaleOut.PartitionOwnershipExpiration);
        Assert.Equal(1, CommandLine.TryParse(["--app", App], out _)!.ScaleOut.Instances);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("two")]
    public void TryParse_refuses_an_instance_count_out_of_range(string count)
    {
        Assert.Null(CommandLine.TryParse(["--app", App, "--instances", count], out var error));
        Assert.Contains("--instances", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_refuses_an_unknown_role()
    {
        Assert.Null(CommandLine.TryParse(["--app", App, "--as", "Overlord"], out var error));
        Assert.Contains("Supervisor", error, StringComparison.Ordinal);
    }
}

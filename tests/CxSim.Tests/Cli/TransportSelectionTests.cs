using System.CommandLine;
using CxSim.Cli;
using CxSim.Sending;

namespace CxSim.Tests.Cli;

/// <summary>Which path a command line chooses: REST for cx-host and --endpoint, the SDK for a namespace in Azure.</summary>
public sealed class TransportSelectionTests
{
    private const string AzureConnection =
        "Endpoint=sb://cx-prod.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=k;EntityPath=cx-events";

    private const string EmulatorConnection =
        "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true";

    [Fact]
    public void Without_options_cx_sim_sends_over_rest_to_cx_host()
    {
        var settings = Resolve();

        Assert.Null(settings.SdkTarget);
        Assert.Equal("http://127.0.0.1:7071/cx-events/messages", settings.RestTarget!.MessagesUri.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public void An_endpoint_sends_over_rest_even_with_a_connection_string_to_azure()
    {
        var settings = Resolve("--endpoint", "http://127.0.0.1:7071", "--connection", AzureConnection);

        Assert.Null(settings.SdkTarget);
        Assert.Equal("http://127.0.0.1:7071/cx-events", settings.RestTarget!.Resource.AbsoluteUri);
        Assert.Equal("send", settings.RestTarget.KeyName);
    }

    [Theory]
    [InlineData("cx-prod", "cx-prod.servicebus.windows.net")]
    [InlineData("CX-Prod", "cx-prod.servicebus.windows.net")]
    [InlineData("cx-prod.servicebus.chinacloudapi.cn", "cx-prod.servicebus.chinacloudapi.cn")]
    [InlineData("sb://cx-prod.servicebus.windows.net/", "cx-prod.servicebus.windows.net")]
    public void A_namespace_sends_with_the_sdk_and_entra_id(string name, string fullyQualified)
    {
        var settings = Resolve("--namespace", name, "--hub", "cx-events");

        Assert.Null(settings.RestTarget);
        Assert.Equal(new EventHubSdkTarget(fullyQualified, "cx-events", null), settings.SdkTarget);
        Assert.Equal($"sb://{fullyQualified}/cx-events", settings.Destination);
    }

    [Fact]
    public void A_connection_string_to_a_namespace_in_azure_sends_with_the_sdk_from_the_option_or_the_environment()
    {
        var fromOption = Resolve("--connection", AzureConnection);
        var fromEnvironment = Resolve(new Dictionary<string, string> { ["EventHubConnection"] = AzureConnection });

        var expected = new EventHubSdkTarget("cx-prod.servicebus.windows.net", "cx-events", AzureConnection);
        Assert.Equal(expected, fromOption.SdkTarget);
        Assert.Equal(expected, fromEnvironment.SdkTarget);
        Assert.Null(fromOption.RestTarget);
        Assert.DoesNotContain("SharedAccessKey", expected.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Transport_rest_keeps_a_connection_string_to_azure_on_rest_with_sas()
    {
        var settings = Resolve("--connection", AzureConnection, "--transport", "rest");

        Assert.Null(settings.SdkTarget);
        Assert.Equal("https://cx-prod.servicebus.windows.net/cx-events/messages", settings.Destination);
    }

    [Fact]
    public void The_development_emulator_stays_on_rest_unless_transport_sdk_is_given()
    {
        Assert.NotNull(Resolve("--connection", EmulatorConnection).RestTarget);

        var sdk = Resolve("--connection", EmulatorConnection, "--transport", "SDK").SdkTarget;

        Assert.Equal(new EventHubSdkTarget("localhost", "cx-events", EmulatorConnection), sdk);
    }

    [Theory]
    [InlineData("--namespace cx-prod", "--namespace needs --hub")]
    [InlineData("--namespace cx-prod --hub h --endpoint http://127.0.0.1:7071", "either --namespace (the SDK with Entra ID) or --endpoint")]
    [InlineData("--namespace cx-prod --hub h --connection " + AzureConnection, "either --namespace (Entra ID) or --connection")]
    [InlineData("--namespace cx-prod --hub h --transport rest", "--transport rest signs with a SAS key")]
    [InlineData("--namespace cx_prod! --hub h", "--namespace must be a namespace name such as cx-prod")]
    [InlineData("--namespace https://cx-prod.servicebus.windows.net:x/ --hub h", "--namespace must be a namespace name")]
    [InlineData("--transport amqp", "--transport must be rest or sdk, not 'amqp'")]
    [InlineData("--transport sdk", "--transport sdk needs --namespace or a connection string")]
    [InlineData(
        "--transport sdk --endpoint http://127.0.0.1:7071 --connection " + AzureConnection, "cannot be combined with --transport sdk")]
    [InlineData(
        "--connection " + AzureConnection + " --hub other", "--hub 'other' differs from the connection string's EntityPath 'cx-events'")]
    public void Invalid_combinations_are_refused_with_a_message(string args, string expected)
    {
        var (settings, errors) = TryResolve(args.Split(' '), []);

        Assert.Null(settings);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    private static CliSettings Resolve(params string[] args) => Resolve([], args);

    private static CliSettings Resolve(Dictionary<string, string> environment, params string[] args)
    {
        var (settings, errors) = TryResolve(args, environment);
        Assert.True(settings is not null, string.Join(Environment.NewLine, errors));
        return settings;
    }

    private static (CliSettings? Settings, IReadOnlyList<string> Errors) TryResolve(string[] args, Dictionary<string, string> environment)
    {
        var options = new CxSimOptions();
        var root = new RootCommand();
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        var parse = root.Parse(args);
        Assert.Empty(parse.Errors);
        var resolver = new SettingsResolver(options, parse, name => environment.GetValueOrDefault(name), DateTimeOffset.UtcNow);
        return (resolver.Resolve(), resolver.Errors);
    }
}

using System.Text.Json;
using CxSim.Cli;
using CxSim.Running;
using CxSim.Tests.Sending;

namespace CxSim.Tests.Cli;

public sealed class CxSimCliTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cxsim-tests-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();
    private readonly Dictionary<string, string> _environment = [];
    private RecordingEventHub _hub = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _hub = await RecordingEventHub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    public void Dispose()
    {
        _out.Dispose();
        _err.Dispose();
    }

    [Theory]
    [InlineData("--rate 0", "--rate must be a positive number of events per second")]
    [InlineData("--rate fast", "--rate must be a positive number")]
    [InlineData("--speed max --rate 10", "--rate needs a finite --speed")]
    [InlineData("--rate 5 --contacts-per-minute 10", "either --rate or --contacts-per-minute")]
    [InlineData("--duration forever", "--duration must be a positive duration")]
    [InlineData("--malformed 0.7", "--malformed must be a share from 0 to 0.5")]
    [InlineData("--channels voice,fax", "unknown channel 'fax'")]
    [InlineData("--endpoint ftp://x", "--endpoint must be an http:// or https:// address")]
    [InlineData("--connection Endpoint=sb://x/", "no SharedAccessKeyName")]
    [InlineData("--namespace cx-prod", "--namespace needs --hub")]
    [InlineData("--namespace cx-prod --hub cx-events --endpoint http://127.0.0.1:7071", "not both")]
    [InlineData("--incident wait-spike@25:00+5m", "not HH:mm")]
    [InlineData("--no-such-option", "--no-such-option")]
    [InlineData("--incident wait-spike@10:00+5m:queue=biling", "names no configured queue (billing, tech-support, sales, retention)")]
    [InlineData("--channels voice --incident csat-dip@10:00+5m:channel=chat", "names a channel that is not simulated")]
    public async Task Bad_options_exit_with_2_and_say_what_is_wrong_without_sending(string args, string expected)
    {
        var exit = await RunAsync(args.Split(' '));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(expected, _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("cx-sim --help", _err.ToString(), StringComparison.Ordinal);
        Assert.Empty(_hub.Requests);
    }

    [Fact]
    public async Task A_run_sends_everything_it_generates_writes_labels_and_summary_and_exits_0()
    {
        var labels = Path.Combine(_folder, "labels.jsonl");
        var summary = Path.Combine(_folder, "summary.json");

        var exit = await RunAsync("--endpoint", _hub.Endpoint.AbsoluteUri, "--hub", "cx-events", "--speed", "max", "--duration", "20m",
            "--seed", "3", "--progress", "none", "--malformed", "0.05", "--pii", "0.1",
            // A fixed weekday morning: the simulated volume follows the hour of the week, so "now" made the count depend
            // on when the test ran (under 1,000 events in 20 minutes late in the evening).
            "--start", "2026-11-25T10:00:00Z",
            "--incident", "wait-spike@T+5m+10m:queue=billing", "--incident", "dead-queue*1@T+1m+2m:region=apac",
            "--labels", labels, "--summary-json", summary);

        Assert.Equal(ExitCodes.Success, exit);
        var recorded = _hub.Requests.Sum(r => JsonDocument.Parse(r.Body).RootElement.GetArrayLength());
        var report = JsonSerializer.Deserialize<JsonElement>(await File.ReadAllTextAsync(summary));
        Assert.True(recorded > 1000, $"only {recorded} events");
        Assert.Equal(recorded, report.GetProperty("sent").GetInt64());
        Assert.Equal(recorded, report.GetProperty("generated").GetInt64());
        Assert.Equal(0, report.GetProperty("failed").GetInt64());
        Assert.True(report.GetProperty("malformed").GetInt64() > 0);
        Assert.True(report.GetProperty("piiEvents").GetInt64() > 0);
        Assert.Equal("Completed", report.GetProperty("stoppedBy").GetString());
        Assert.All(_hub.Requests, r => Assert.Equal("/cx-events/messages", r.Path));

        var written = await LabelsFile.ReadAsync(labels, CancellationToken.None);
        Assert.Equal(["wait-spike", "dead-queue"], written.Select(l => l.Kind));
        Assert.Equal(TimeSpan.FromMinutes(10), written[0].End - written[0].Start);
        Assert.Equal("apac", written[1].Slice["region"]);
        Assert.Contains("cx-sim summary", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_sends_the_same_bodies()
    {
        string[] args = ["--endpoint", _hub.Endpoint.AbsoluteUri, "--speed", "max", "--count", "300", "--seed", "77", "--start", "2026-11-20T09:00:00Z", "--progress", "none", "--concurrency", "1"];

        await RunAsync(args);
        var first = Bodies();
        _hub.Requests.Clear();
        await RunAsync(args);

        Assert.Equal(300, first.Count);
        Assert.Equal(first, Bodies());
    }

    [Fact]
    public async Task The_connection_and_hub_come_from_the_environment_when_not_given()
    {
        _environment["EventHubConnection"] = $"Endpoint=sb://127.0.0.1:{_hub.Endpoint.Port}/;SharedAccessKeyName=sim;SharedAccessKey=k";
        _environment["CxEventHubName"] = "from-env";

        var exit = await RunAsync("--speed", "max", "--count", "10", "--progress", "none");

        Assert.Equal(ExitCodes.Success, exit);
        var request = Assert.Single(_hub.Requests);
        Assert.Equal("/from-env/messages", request.Path);
        Assert.Equal("sim", SharedAccessSignatureTests.ParseToken(request.Authorization)["skn"]);
    }

    [Fact]
    public async Task Refused_credentials_stop_the_run_with_exit_code_3()
    {
        _hub.Status = (_, _) => 403;

        var exit = await RunAsync("--endpoint", _hub.Endpoint.AbsoluteUri, "--speed", "max", "--progress", "none", "--batch-size", "10");

        Assert.Equal(ExitCodes.Unauthorized, exit);
        Assert.Contains("Unauthorized", _out.ToString(), StringComparison.Ordinal);
        Assert.InRange(_hub.Requests.Count, 1, 2);
    }

    [Fact]
    public async Task Plain_progress_lines_are_written_when_output_is_not_a_terminal()
    {
        var exit = await RunAsync("--endpoint", _hub.Endpoint.AbsoluteUri, "--speed", "600", "--rate", "200", "--duration", "10m",
            "--progress", "plain", "--progress-interval", "0.2s");

        Assert.True(exit == ExitCodes.Success, $"exit {exit}: {_out}{_err}");
        Assert.Contains("[cx-sim] sent ", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("200 events/s on average", _out.ToString(), StringComparison.Ordinal);
    }

    private List<string> Bodies() =>
        [.. _hub.Requests.SelectMany(r => JsonDocument.Parse(r.Body).RootElement.EnumerateArray().Select(i => i.GetProperty("Body").GetString()!))];

    private Task<int> RunAsync(params string[] args) =>
        CxSimCli.RunAsync(args, _out, _err, name => _environment.GetValueOrDefault(name), TimeProvider.System, CancellationToken.None);
}

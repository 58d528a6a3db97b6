using System.CommandLine;
using System.Globalization;

namespace CxSim.Cli;

/// <summary>The command-line options of cx-sim (see docs/cx-sim.md).</summary>
internal sealed class CxSimOptions
{
    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        HelpName = "url",
        Description = "Send over REST to this base address instead of the connection string's (e.g. http://127.0.0.1:7071 for cx-host).",
    };

    public Option<string?> Namespace { get; } = new("--namespace")
    {
        HelpName = "name",
        Description = "Event Hubs namespace (name or fully qualified) to send to with the SDK and Entra ID (DefaultAzureCredential). "
            + "Needs --hub.",
    };

    public Option<string?> Hub { get; } = new("--hub")
    {
        HelpName = "name",
        Description = "Event hub name. Default: the connection string's EntityPath, else $CxEventHubName, else cx-events.",
    };

    public Option<string?> Connection { get; } = new("--connection")
    {
        HelpName = "connection-string",
        Description = "Event Hubs connection string (SAS). Default: $EventHubConnection, else the local development key. "
            + "A real sb:// namespace is sent to with the SDK.",
    };

    public Option<string?> Transport { get; } = new("--transport")
    {
        HelpName = "rest|sdk",
        Description = "Force the REST send API or the Event Hubs SDK. Default: REST for cx-host and --endpoint, the SDK for "
            + "--namespace and connection strings to a real namespace.",
    };

    public Option<string?> Rate { get; } = new("--rate")
    {
        HelpName = "events/s",
        Description = "Average events per wall-clock second (default 5). Converted to contacts per minute for the channel mix.",
    };

    public Option<string?> ContactsPerMinute { get; } = new("--contacts-per-minute")
    {
        HelpName = "n",
        Description = "New contacts per simulated minute on an average weekday (instead of --rate).",
    };

    public Option<string?> Speed { get; } = new("--speed")
    {
        HelpName = "x|max",
        Description = "Time acceleration: simulated seconds per wall second (default 1), or 'max' for no pacing.",
    };

    public Option<string?> Duration { get; } = new("--duration")
    {
        HelpName = "span",
        Description = "Simulated time to cover (e.g. 30m, 24h). Default: until Ctrl+C.",
    };

    public Option<string?> WarmUp { get; } = new("--warm-up")
    {
        HelpName = "span",
        Description = "Start contacts this much earlier so conversations are in progress from the first second "
            + "(default 6h; 0 = every conversation whole).",
    };

    public Option<string?> Count { get; } = new("--count") { HelpName = "n", Description = "Stop after this many events." };

    public Option<string?> Start { get; } = new("--start")
    {
        HelpName = "time",
        Description = "Event time of the start (ISO 8601). Default: now at speed 1, else now minus the duration (or one day).",
    };

    public Option<string?> Channels { get; } = new("--channels")
    {
        HelpName = "list",
        Description = "Channels and optional weights: voice=50,chat=25,email=15,messaging=10 (default).",
    };

    public Option<string?> Queues { get; } = new("--queues")
    {
        HelpName = "list",
        Description = "Queues as name[:team][=weight], comma-separated. Default: billing, tech-support, sales, retention.",
    };

    public Option<string?> Regions { get; } = new("--regions")
    {
        HelpName = "list",
        Description = "Regions, comma-separated (default emea,amer,apac).",
    };

    public Option<string?> UtcOffset { get; } = new("--utc-offset")
    {
        HelpName = "±hh:mm",
        Description = "The contact centre's local time for the daily curve and HH:mm incident starts (e.g. +01:00; default +00:00).",
    };

    public Option<bool> Flat { get; } = new("--flat") { Description = "No seasonality: the same volume at every hour." };

    public Option<string?> Seed { get; } = new("--seed")
    {
        HelpName = "n",
        Description = "Random seed (non-negative). Same seed and options, same events. Default: from the clock (printed).",
    };

    public Option<string[]> Incident { get; } = new("--incident")
    {
        HelpName = "spec",
        Description = "Inject an incident: kind[*magnitude]@start+duration[:slice], e.g. wait-spike@10:00+30m:queue=billing. Repeatable.",
    };

    public Option<string?> Scenario { get; } = new("--scenario")
    {
        HelpName = "file",
        Description = "A JSON scenario file with an \"incidents\" array.",
    };

    public Option<string?> Labels { get; } = new("--labels")
    {
        HelpName = "file",
        Description = "Where to write incident labels (JSON lines). Default: cx-sim-labels.jsonl when there are incidents.",
    };

    public Option<string?> Malformed { get; } = new("--malformed")
    {
        HelpName = "share",
        Description = "Share of events that are malformed, 0 to 0.5 (default 0).",
    };

    public Option<string?> Pii { get; } = new("--pii")
    {
        HelpName = "share",
        Description = "Share of well-formed events with personal data in their text, 0 to 1 (default 0).",
    };

    public Option<string?> BatchSize { get; } = new("--batch-size")
    {
        HelpName = "n",
        Description = "Events per request at most (default 100).",
    };

    public Option<string?> Concurrency { get; } = new("--concurrency")
    {
        HelpName = "n",
        Description = "Requests in flight at once (default 2).",
    };

    public Option<string?> MaxAttempts { get; } = new("--max-attempts")
    {
        HelpName = "n",
        Description = "Requests per batch at most, retries included (default 6).",
    };

    public Option<string?> SummaryJson { get; } = new("--summary-json")
    {
        HelpName = "file",
        Description = "Also write the summary as JSON to this file.",
    };

    public Option<string?> Progress { get; } = new("--progress")
    {
        HelpName = "mode",
        Description = "auto (live display on a terminal, plain lines otherwise), live, plain or none.",
    };

    public Option<string?> ProgressInterval { get; } = new("--progress-interval")
    {
        HelpName = "span",
        Description = "How often plain progress lines are written (default 10s).",
    };

    public IEnumerable<Option> All =>
    [
        Endpoint, Namespace, Hub, Connection, Transport, Rate, ContactsPerMinute, Speed, Duration, WarmUp, Count, Start,
        Channels, Queues, Regions, UtcOffset, Flat, Seed, Incident, Scenario, Labels, Malformed,
        Pii, BatchSize, Concurrency, MaxAttempts, SummaryJson, Progress, ProgressInterval,
    ];

    public CxSimOptions()
    {
        Incident.AllowMultipleArgumentsPerToken = false;
        Incident.DefaultValueFactory = _ => [];
    }

    public static bool TryNumber(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxSim.Running;

/// <summary>The end-of-run summary, printed as a table and optionally written as JSON (<c>--summary-json</c>).</summary>
public sealed record RunReport
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Where events were sent.</summary>
    public required string Target { get; init; }

    /// <summary>The seed (rerun with <c>--seed</c> for the same events).</summary>
    public required long Seed { get; init; }

    /// <summary>The volume setting in words.</summary>
    public required string Volume { get; init; }

    /// <summary>Time acceleration (infinity = unpaced).</summary>
    public required double Speed { get; init; }

    /// <summary>Event time of the simulation start.</summary>
    public required DateTimeOffset EventTimeStart { get; init; }

    /// <summary>Event time of the last event generated.</summary>
    public DateTimeOffset? EventTimeLast { get; init; }

    /// <summary>Wall-clock duration of the run, in seconds.</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>Why the run ended.</summary>
    public required string StoppedBy { get; init; }

    /// <summary>Events generated.</summary>
    public required long Generated { get; init; }

    /// <summary>Events accepted (HTTP 201).</summary>
    public required long Sent { get; init; }

    /// <summary>Events given up on after retries, or refused.</summary>
    public required long Failed { get; init; }

    /// <summary>Events not sent because the run stopped first.</summary>
    public required long NotSent { get; init; }

    /// <summary>Batches sent.</summary>
    public required long Batches { get; init; }

    /// <summary>HTTP requests made.</summary>
    public required long Requests { get; init; }

    /// <summary>Requests beyond one per batch.</summary>
    public required long Retries { get; init; }

    /// <summary>Accepted events per wall-clock second.</summary>
    public required double AchievedRate { get; init; }

    /// <summary>Accepted events by channel.</summary>
    public required IReadOnlyDictionary<string, long> SentByChannel { get; init; }

    /// <summary>Accepted malformed events.</summary>
    public required long Malformed { get; init; }

    /// <summary>Accepted malformed events by kind.</summary>
    public required IReadOnlyDictionary<string, long> MalformedByKind { get; init; }

    /// <summary>Accepted events with personal data in their text.</summary>
    public required long PiiEvents { get; init; }

    /// <summary>Personal data items by kind (an event can carry two).</summary>
    public required IReadOnlyDictionary<string, long> PiiByKind { get; init; }

    /// <summary>The injected incidents, as labels.</summary>
    public required IReadOnlyList<string> Incidents { get; init; }

    /// <summary>The labels file, when written.</summary>
    public string? LabelsFile { get; init; }

    /// <summary>The last delivery error, if any.</summary>
    public string? LastError { get; init; }

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

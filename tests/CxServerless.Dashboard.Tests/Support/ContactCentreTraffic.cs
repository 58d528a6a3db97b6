using System.Globalization;
using System.Text.Json.Nodes;

namespace CxServerless.Dashboard.Tests.Support;

/// <summary>
/// Hand-made canonical events (docs/events.md) for two voice queues, <c>billing</c> (team <c>team-billing</c>) and
/// <c>support</c> (team <c>team-support</c>). Per queue and minute: contacts started, answered (with their queue wait),
/// one abandoned, handled contacts ended, and a survey response. During the incident, <c>billing</c>'s waits are far
/// above the 60 s static limit of the <c>queue-wait</c> rule.
/// </summary>
internal sealed class ContactCentreTraffic(string runId)
{
    /// <summary>The queues and their teams.</summary>
    public static readonly (string Queue, string Team)[] Queues = [("billing", "team-billing"), ("support", "team-support")];

    /// <summary>The normal queue wait, seconds.</summary>
    public const int NormalWaitSeconds = 25;

    /// <summary>The wait during the incident on <c>billing</c>, seconds (the static limit is 60).</summary>
    public const int IncidentWaitSeconds = 300;

    private long _sequence;

    /// <summary>When the incident on <c>billing</c> starts (event time); null for none.</summary>
    public DateTimeOffset? IncidentFrom { get; set; }

    /// <summary>Every event of one minute of event time starting at <paramref name="minute"/>.</summary>
    public IEnumerable<JsonObject> Minute(DateTimeOffset minute)
    {
        foreach (var (queue, team) in Queues)
        {
            for (var i = 0; i < 4; i++)
            {
                var at = minute.AddSeconds(5 + (i * 12));
                var conversation = Next("call");
                yield return Event("ContactStarted", at, conversation, queue, team);
                yield return Event("ContactAnswered", at.AddSeconds(3), conversation, queue, team,
                    measures: new JsonObject { ["waitSeconds"] = Wait(queue, at) + i });
                if (i < 3)
                {
                    yield return Event("ContactEnded", at.AddSeconds(6), conversation, queue, team,
                        measures: new JsonObject { ["talkSeconds"] = 180 + (i * 20), ["holdSeconds"] = 10, ["afterContactWorkSeconds"] = 30 },
                        outcome: "Resolved");
                }
            }

            var abandoned = Next("call");
            yield return Event("ContactStarted", minute.AddSeconds(50), abandoned, queue, team);
            yield return Event("ContactAbandoned", minute.AddSeconds(55), abandoned, queue, team,
                measures: new JsonObject { ["waitSeconds"] = 40 }, outcome: "Abandoned");
            yield return Event("SurveyResponse", minute.AddSeconds(57), Next("survey"), queue, team,
                scores: new JsonObject { ["csat"] = 4, ["nps"] = 9 });
        }
    }

    /// <summary>A few answered contacts at <paramref name="at"/> (the "now" stream that advances the watermark).</summary>
    public IEnumerable<JsonObject> Tick(DateTimeOffset at)
    {
        foreach (var (queue, team) in Queues)
        {
            var conversation = Next("tick");
            yield return Event("ContactStarted", at, conversation, queue, team);
            yield return Event("ContactAnswered", at, conversation, queue, team, measures: new JsonObject { ["waitSeconds"] = Wait(queue, at) });
        }
    }

    /// <summary>An answered contact with an old event time: once the watermark has passed it, it is a late event.</summary>
    public JsonObject Late(DateTimeOffset at) =>
        Event("ContactAnswered", at, Next("late"), "support", "team-support", measures: new JsonObject { ["waitSeconds"] = NormalWaitSeconds });

    private int Wait(string queue, DateTimeOffset at) =>
        queue == "billing" && IncidentFrom is { } from && at >= from ? IncidentWaitSeconds : NormalWaitSeconds;

    private string Next(string kind) => $"{kind}-{runId}-{Interlocked.Increment(ref _sequence)}";

    private JsonObject Event(string type, DateTimeOffset at, string conversation, string queue, string team,
        JsonObject? measures = null, string? outcome = null, JsonObject? scores = null)
    {
        var body = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["eventId"] = Next("ev"),
            ["type"] = type,
            ["eventTime"] = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["conversationId"] = conversation,
            ["channel"] = "voice",
            ["queue"] = queue,
            ["team"] = team,
            ["region"] = "emea",
        };
        if (measures is not null)
        {
            body["measures"] = measures;
        }

        if (outcome is not null)
        {
            body["outcome"] = outcome;
        }

        if (scores is not null)
        {
            body["scores"] = scores;
        }

        return body;
    }
}

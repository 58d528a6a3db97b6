using System.Globalization;
using System.Text.Json.Nodes;
using CxServerless.Domain.Events;
using CxSim.Formats;
using CxSim.Generation;

namespace CxSim.Faults;

/// <summary>Builds a broken body from a good event, for each <see cref="MalformedKind"/>.</summary>
public static class MalformedEvents
{
    private static readonly MalformedKind[] Kinds = Enum.GetValues<MalformedKind>();

    /// <summary>A random kind of breakage.</summary>
    public static MalformedKind PickKind(SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Pick(Kinds);
    }

    /// <summary>The body of a broken variant of <paramref name="source"/> (its own event id, same conversation).</summary>
    public static string Create(MalformedKind kind, CxEvent source, SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(random);
        var variant = source with { EventId = source.EventId + "-bad" };
        return kind switch
        {
            MalformedKind.TruncatedJson => Truncate(CanonicalEventEncoder.ToJson(variant), random),
            MalformedKind.WrongTypes => WrongTypes(variant),
            MalformedKind.NegativeDuration => CanonicalEventEncoder.ToJson(variant with
            {
                Measures = variant.Measures with { WaitSeconds = -Math.Round(1 + random.Exponential(60), 1) },
            }),
            MalformedKind.FutureTimestamp => CanonicalEventEncoder.ToJson(variant with
            {
                EventTime = variant.EventTime.AddDays(random.Between(2, 30)),
            }),
            MalformedKind.UnknownFormat => UnknownFormat(variant, random),
            MalformedKind.MissingRequiredField => MissingField(variant, random),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown malformed kind."),
        };
    }

    private static string Truncate(string json, SimRandom random)
    {
        var cut = (int)(json.Length * (0.3 + (0.5 * random.NextDouble())));
        return json[..Math.Clamp(cut, 1, json.Length - 1)];
    }

    private static string WrongTypes(CxEvent e)
    {
        var node = ToNode(e);
        node["eventTime"] = e.EventTime.ToUnixTimeSeconds();
        node["type"] = (int)e.Type;
        node["measures"] = new JsonObject { ["waitSeconds"] = "about a minute", ["transfers"] = "none" };
        return node.ToJsonString();
    }

    private static string MissingField(CxEvent e, SimRandom random)
    {
        var node = ToNode(e);
        node.Remove(random.Pick(["conversationId", "eventTime", "channel"]));
        return node.ToJsonString();
    }

    private static string UnknownFormat(CxEvent e, SimRandom random)
    {
        var i = CultureInfo.InvariantCulture;
        var time = e.EventTime.ToString("O", i);
        return random.Next(3) switch
        {
            0 => string.Create(i, $"<contact id=\"{e.ConversationId}\"><event>{e.Type}</event><at>{time}</at></contact>"),
            1 => string.Create(i, $"CTR|{e.ConversationId}|{e.Type}|{time}|{e.Queue}"),
            _ => string.Create(i, $"{{\"ticket\":{{\"ref\":\"{e.ConversationId}\",\"state\":\"{e.Type}\",\"ts\":\"{time}\"}}}}"),
        };
    }

    private static JsonObject ToNode(CxEvent e) => CanonicalEventEncoder.ToNode(e);
}

using System.Globalization;
using CxServerless.Domain.Events;

namespace CxSim.Generation.Conversations;

/// <summary>
/// Collects the events of one conversation. Event times never go backwards: each event is at least a tenth of a second
/// after the previous one, and times are rounded to milliseconds.
/// </summary>
internal sealed class ConversationBuilder(ContactPlan contact, SimRandom random, string sourceSystem)
{
    private readonly List<CxEvent> _events = [];
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public ContactPlan Contact { get; } = contact;

    public SimRandom Random { get; } = random;

    public IReadOnlyList<CxEvent> Events => _events;

    /// <summary>The time <paramref name="seconds"/> after <paramref name="from"/>, rounded to milliseconds.</summary>
    public static DateTimeOffset After(DateTimeOffset from, double seconds) =>
        from.AddMilliseconds(Math.Round(seconds * 1000));

    public CxEvent Add(CxEventType type, DateTimeOffset at, Func<CxEvent, CxEvent>? details = null)
    {
        var time = at <= _last ? _last.AddMilliseconds(100) : at;
        time = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        _last = time;
        var e = new CxEvent
        {
            EventId = string.Create(CultureInfo.InvariantCulture, $"{Contact.ConversationId}-{_events.Count:D2}"),
            SourceSystem = sourceSystem,
            Type = type,
            EventTime = time,
            ConversationId = Contact.ConversationId,
            Channel = Contact.Channel,
            Queue = Contact.Queue.Name,
            Team = Contact.Queue.Team,
            Region = Contact.Region,
            CustomerKey = Contact.CustomerKey,
        };
        e = details?.Invoke(e) ?? e;
        _events.Add(e);
        return e;
    }
}

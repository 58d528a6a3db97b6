using CxServerless.Domain.Events;
using CxSim.Faults;
using CxSim.Formats;
using CxSim.Generation;
using CxSim.Incidents;

namespace CxSim.Detection.Independent;

/// <summary>
/// A contact centre written without cx-sim's generator or incident model, so that the detection-quality test does not
/// only grade the rules on the traffic they were tuned on. Its own model: three queues each with one team, voice, chat
/// and e-mail, a piecewise-linear day, exponential waits that grow with load, exponential patience, gamma handle times
/// per team, and six incident shapes of its own (<see cref="IndependentIncidentKind"/>). Seeded with
/// <see cref="Random"/>, so the same arguments give the same events.
/// </summary>
public sealed class IndependentCentre
{
    /// <summary>The queues, their teams and shares of contacts.</summary>
    public static IReadOnlyList<QueueDefinition> Queues { get; } =
        [new("payments", "team-payments", 4), new("support", "team-support", 4), new("onboarding", "team-onboarding", 2)];

    /// <summary>The channels.</summary>
    public static IReadOnlyList<CxChannel> Channels { get; } = [CxChannel.Voice, CxChannel.Chat, CxChannel.Email];

    /// <summary>The regions (equal shares).</summary>
    public static IReadOnlyList<string> Regions { get; } = ["north", "south"];

    // Contacts per minute relative to the mean, at each full hour (UTC); linear in between.
    private static readonly double[] HourlyProfile =
    [
        0.12, 0.12, 0.12, 0.12, 0.12, 0.12, 0.25, 0.5, 0.85, 1.2, 1.35, 1.3,
        1.05, 1.2, 1.3, 1.25, 1.15, 0.95, 0.75, 0.55, 0.4, 0.3, 0.2, 0.15,
    ];

    private static readonly Dictionary<string, double> TeamPace = new(StringComparer.Ordinal)
    {
        ["team-payments"] = 0.85,
        ["team-support"] = 1.15,
        ["team-onboarding"] = 1.0,
    };

    private readonly Random _random;
    private readonly int _seed;
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _end;
    private readonly double _contactsPerMinute;
    private readonly IReadOnlyList<IndependentIncident> _incidents;
    private readonly List<CxEvent> _events = [];
    private int _contacts;

    /// <summary>Creates the centre; nothing is generated until <see cref="Generate"/>.</summary>
    public IndependentCentre(
        int seed,
        DateTimeOffset start,
        TimeSpan duration,
        double contactsPerMinute = 20,
        IReadOnlyList<IndependentIncident>? incidents = null)
    {
        _seed = seed;
        _random = new Random(seed);
        _start = start;
        _end = start + duration;
        _contactsPerMinute = contactsPerMinute;
        _incidents = incidents ?? [];
    }

    /// <summary>The labels of the incidents, in the labels-file form the scorer reads.</summary>
    public IReadOnlyList<IncidentLabel> Labels => [.. _incidents.Select(i => new IncidentLabel(
        i.KindName, i.Affects[0], i.Affects, SliceOf(i), i.Start.ToUniversalTime(), i.End.ToUniversalTime(), i.Magnitude))];

    /// <summary>The traffic cells, for the scorer's slice matching.</summary>
    public static TrafficCells Cells { get; } = new(Channels, Queues, Regions);

    /// <summary>Every event from the start to the end, in event-time order (the replay's input).</summary>
    public IEnumerable<SimulatedEvent> Generate()
    {
        _events.Clear();
        for (var minute = _start; minute < _end; minute = minute.AddMinutes(1))
        {
            foreach (var queue in Queues)
            {
                var surge = Active(IndependentIncidentKind.VolumeSurge, minute, queue.Name);
                var rate = _contactsPerMinute * Profile(minute) * queue.Weight / Queues.Sum(q => q.Weight) * (surge?.Magnitude ?? 1);
                for (var n = Poisson(rate); n > 0; n--)
                {
                    Contact(minute.AddSeconds(_random.NextDouble() * 60), queue);
                }
            }
        }

        var sequence = 0L;
        foreach (var e in _events.Where(e => e.EventTime < _end).OrderBy(e => e.EventTime).ThenBy(e => e.EventId, StringComparer.Ordinal))
        {
            var body = CanonicalEventEncoder.ToJson(e);
            yield return new SimulatedEvent(
                sequence++, e.EventTime, e.ConversationId, e.Channel, body, CanonicalEventEncoder.Format, e, null, PiiKinds.None);
        }
    }

    private static Dictionary<string, string> SliceOf(IndependentIncident incident)
    {
        var slice = new Dictionary<string, string>(StringComparer.Ordinal);
        if (incident.Queue is { } q)
        {
            slice["queue"] = q;
        }

        if (incident.Team is { } t)
        {
            slice["team"] = t;
        }

        if (incident.Channel is { } c)
        {
            slice["channel"] = c.ToString();
        }

        return slice;
    }

    private static double Profile(DateTimeOffset time)
    {
        var hours = time.UtcDateTime.TimeOfDay.TotalHours;
        var at = (int)Math.Floor(hours);
        var next = HourlyProfile[(at + 1) % 24];
        return HourlyProfile[at] + ((next - HourlyProfile[at]) * (hours - at));
    }

    private IndependentIncident? Active(
        IndependentIncidentKind kind, DateTimeOffset time, string? queue = null, string? team = null, CxChannel? channel = null) =>
        _incidents.FirstOrDefault(i => i.Kind == kind && i.IsActive(time)
            && (i.Queue is null || i.Queue == queue) && (i.Team is null || i.Team == team) && (i.Channel is null || i.Channel == channel));

    private void Contact(DateTimeOffset arrival, QueueDefinition queue)
    {
        var roll = _random.NextDouble();
        var channel = roll < 0.6 ? CxChannel.Voice : roll < 0.9 ? CxChannel.Chat : CxChannel.Email;
        var id = $"ind{_seed}-{++_contacts}";
        var region = Regions[_random.Next(Regions.Count)];
        var customer = $"acct-{_random.Next(40_000)}";
        var agent = $"{queue.Team}-agent-{_random.Next(25)}";
        var n = 0;
        void Add(CxEventType type, DateTimeOffset time, CxMeasures? measures = null, CxScores? scores = null, CxOutcome? outcome = null) =>
            _events.Add(new CxEvent
            {
                EventId = $"{id}-{++n}",
                SourceSystem = "independent",
                Type = type,
                EventTime = new DateTimeOffset(time.UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero),
                ConversationId = id,
                Channel = channel,
                Queue = queue.Name,
                Team = queue.Team,
                Region = region,
                CustomerKey = customer,
                AgentKey = type is CxEventType.ContactAnswered or CxEventType.ContactEnded or CxEventType.FirstResponse ? agent : null,
                Measures = measures ?? new CxMeasures(),
                Scores = scores ?? new CxScores(),
                Outcome = outcome,
            });

        Add(CxEventType.ContactStarted, arrival);
        if (channel == CxChannel.Email)
        {
            Email(arrival, queue, Add);
            return;
        }

        // A healthy centre: about 90 % of calls and chats answered within 20 s on a normal day.
        var wait = Exponential(channel == CxChannel.Voice ? 7 : 9) * WaitFactor(arrival, queue.Name);
        if (Active(IndependentIncidentKind.QueueOutage, arrival, queue.Name) is { } outage && Blocked(outage))
        {
            wait += (outage.End - arrival).TotalSeconds + Exponential(60);
        }

        var hurry = Active(IndependentIncidentKind.AbandonmentSurge, arrival, queue.Name)?.Magnitude ?? 1;
        var patience = Exponential(channel == CxChannel.Voice ? 150 : 240) / hurry;
        Add(CxEventType.ContactQueued, arrival);
        if (patience < wait)
        {
            Add(CxEventType.ContactAbandoned, arrival.AddSeconds(patience), new CxMeasures { WaitSeconds = Math.Round(patience, 1) });
            Add(CxEventType.ContactEnded, arrival.AddSeconds(patience + 1), outcome: CxOutcome.Abandoned);
            return;
        }

        var answered = arrival.AddSeconds(wait);
        Add(CxEventType.ContactAnswered, answered, new CxMeasures { WaitSeconds = Math.Round(wait, 1) });
        var pace = TeamPace[queue.Team] * (Active(IndependentIncidentKind.HandleTimeSurge, answered, team: queue.Team)?.Magnitude ?? 1);
        double talk, hold, work;
        if (channel == CxChannel.Voice)
        {
            talk = Gamma(3, 230) * pace;
            hold = _random.NextDouble() < 0.3 ? Exponential(40) * pace : 0;
            work = Gamma(2, 40) * pace;
        }
        else
        {
            var reply = Exponential(8);
            var firstResponse = new CxMeasures { FirstResponseSeconds = Math.Round(wait + reply, 1) };
            Add(CxEventType.FirstResponse, answered.AddSeconds(reply), firstResponse);
            var sentiment = new CxScores { Sentiment = Math.Clamp(Normal(0.25, 0.35), -1, 1) };
            Add(CxEventType.MessagePosted, answered.AddSeconds(reply + 20), scores: sentiment);
            talk = Gamma(2, 380) * pace;
            hold = 0;
            work = Gamma(2, 30) * pace;
        }

        Finish(answered, talk, hold, work, channel, Add);
    }

    private void Email(
        DateTimeOffset arrival, QueueDefinition queue, Action<CxEventType, DateTimeOffset, CxMeasures?, CxScores?, CxOutcome?> add)
    {
        add(CxEventType.CaseOpened, arrival, null, null, null);
        var wait = Exponential(90 * 60);
        if (_incidents.FirstOrDefault(i => i.Kind == IndependentIncidentKind.QueueOutage && i.Queue == queue.Name
                && arrival + TimeSpan.FromSeconds(wait) >= i.Start && arrival < i.End) is { } outage)
        {
            wait = Math.Max(wait, (outage.End - arrival).TotalSeconds + Exponential(600));
        }

        var answered = arrival.AddSeconds(wait);
        add(CxEventType.ContactAnswered, answered, new CxMeasures { WaitSeconds = Math.Round(wait, 1) }, null, null);
        var reply = Exponential(600);
        var firstResponse = new CxMeasures { FirstResponseSeconds = Math.Round(wait + reply, 1) };
        add(CxEventType.FirstResponse, answered.AddSeconds(reply), firstResponse, null, null);
        var pace = TeamPace[queue.Team] * (Active(IndependentIncidentKind.HandleTimeSurge, answered, team: queue.Team)?.Magnitude ?? 1);
        Finish(answered, Gamma(2, 360) * pace, 0, Gamma(2, 30) * pace, CxChannel.Email, add);
    }

    private void Finish(
        DateTimeOffset answered,
        double talk,
        double hold,
        double work,
        CxChannel channel,
        Action<CxEventType, DateTimeOffset, CxMeasures?, CxScores?, CxOutcome?> add)
    {
        var roll = _random.NextDouble();
        var outcome = roll < 0.78 ? CxOutcome.Resolved : roll < 0.93 ? CxOutcome.Unresolved : CxOutcome.Escalated;
        if (outcome == CxOutcome.Escalated)
        {
            add(CxEventType.ContactEscalated, answered.AddSeconds(talk / 2), null, null, null);
        }

        var end = answered.AddSeconds(talk + hold + work);
        var measures = new CxMeasures
        {
            TalkSeconds = Math.Round(talk, 1),
            HoldSeconds = Math.Round(hold, 1),
            AfterContactWorkSeconds = Math.Round(work, 1),
        };
        add(CxEventType.ContactEnded, end, measures, null, outcome);
        if (outcome != CxOutcome.Resolved)
        {
            add(CxEventType.CaseOpened, end.AddSeconds(5), null, null, null);
            add(CxEventType.CaseResolved, end.AddSeconds(5 + Exponential(6 * 3600)), null, null, null);
        }

        if (_random.NextDouble() < 0.28)
        {
            var answeredAt = end.AddSeconds(Exponential(600));
            add(CxEventType.SurveyResponse, answeredAt, null, Survey(answeredAt, channel, outcome), null);
        }
    }

    private CxScores Survey(DateTimeOffset at, CxChannel channel, CxOutcome outcome)
    {
        // The survey event carries the conversation's channel; a dip on a channel picks answers from an unhappy mix.
        double[] usual = outcome == CxOutcome.Resolved ? [0.03, 0.05, 0.1, 0.32, 0.5] : [0.12, 0.12, 0.2, 0.3, 0.26];
        var shares = Active(IndependentIncidentKind.CsatDip, at, channel: channel) is { } dip ? Unhappy(usual, dip.Magnitude) : usual;
        var roll = _random.NextDouble();
        var csat = 1;
        var cumulative = shares[0];
        while (csat < 5 && roll > cumulative)
        {
            cumulative += shares[csat++];
        }

        var nps = csat switch { 5 => _random.Next(9, 11), 4 => _random.Next(7, 10), 3 => _random.Next(5, 9), _ => _random.Next(0, 7) };
        var ces = csat switch { 5 => _random.Next(6, 8), 4 => _random.Next(5, 7), 3 => _random.Next(4, 6), _ => _random.Next(1, 4) };
        return new CxScores { Csat = csat, Nps = nps, Ces = ces };
    }

    // Magnitude 1 (the default) is the unhappy mix itself; a weaker dip blends towards the usual answers, a stronger
    // one goes as far again past it (shares clamped at zero and renormalised).
    private static double[] Unhappy(double[] usual, double magnitude)
    {
        double[] unhappy = [0.35, 0.25, 0.2, 0.12, 0.08];
        if (magnitude == 1)
        {
            return unhappy;
        }

        var blended = usual.Select((u, i) => Math.Max(0, u + (magnitude * (unhappy[i] - u)))).ToArray();
        var total = blended.Sum();
        return [.. blended.Select(b => b / total)];
    }

    // An outage of magnitude 1 (the default) blocks every contact; a partial one (below 1) blocks that share of them.
    private bool Blocked(IndependentIncident outage) => outage.Magnitude >= 1 || _random.NextDouble() < outage.Magnitude;

    private double WaitFactor(DateTimeOffset arrival, string queue)
    {
        var factor = 1 + (0.5 * Math.Max(0, Profile(arrival) - 1));
        if (Active(IndependentIncidentKind.VolumeSurge, arrival, queue) is { } surge)
        {
            factor *= 1 + (2 * (surge.Magnitude - 1));
        }

        if (Active(IndependentIncidentKind.WaitCreep, arrival, queue) is { } creep)
        {
            factor *= 1 + ((creep.Magnitude - 1) * (arrival - creep.Start) / (creep.End - creep.Start));
        }

        return factor;
    }

    private double Exponential(double mean) => -mean * Math.Log(1 - _random.NextDouble());

    private double Gamma(int shape, double mean)
    {
        var sum = 0.0;
        for (var i = 0; i < shape; i++)
        {
            sum += Exponential(mean / shape);
        }

        return sum;
    }

    private double Normal(double mean, double deviation) =>
        mean + (deviation * Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble()));

    private int Poisson(double lambda)
    {
        var limit = Math.Exp(-lambda);
        var count = 0;
        for (var p = _random.NextDouble(); p > limit; p *= _random.NextDouble())
        {
            count++;
        }

        return count;
    }
}

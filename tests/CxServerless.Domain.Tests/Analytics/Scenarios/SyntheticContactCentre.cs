using CxServerless.Domain.Events;

namespace CxServerless.Domain.Tests.Analytics.Scenarios;

/// <summary>
/// A deterministic synthetic contact centre: three queues with daily seasonality, realistic waits, handle times,
/// outcomes and surveys. Incidents can be injected per queue and time range. For detection-quality tests of the rules.
/// </summary>
/// <param name="seed">The random seed.</param>
/// <param name="skewedHandleTimes">
/// Log-normal talk, hold and after-contact work (σ 0.5, as real handle times and cx-sim's are: a few long contacts,
/// many short ones) instead of the default narrow normal ones. Same means: about 315 s a contact.
/// </param>
internal sealed class SyntheticContactCentre(int seed, bool skewedHandleTimes = false)
{
    private static readonly (string Queue, string Team)[] Queues = [("billing", "blue"), ("sales", "green"), ("support", "red")];
    private readonly Random _random = new(seed);
    private int _conversation;

    /// <summary>
    /// An incident: a change to one queue's traffic between two times: waits of <paramref name="WaitSeconds"/>, no contacts
    /// at all (<paramref name="Dead"/>), or handle times (talk, hold and after-contact work) multiplied by
    /// <paramref name="HandleFactor"/> for contacts that start in it.
    /// </summary>
    public sealed record Incident(
        string Queue, DateTimeOffset From, DateTimeOffset To, double WaitSeconds = 0, bool Dead = false, double HandleFactor = 1);

    public List<CxEvent> Day(DateTimeOffset start, params Incident[] incidents) => Span(start, TimeSpan.FromDays(1), incidents);

    /// <summary>
    /// The contacts that start in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>), whole minutes.
    /// </summary>
    public List<CxEvent> Span(DateTimeOffset start, TimeSpan length, params Incident[] incidents)
    {
        var events = new List<CxEvent>();
        for (var minute = 0; minute < (int)length.TotalMinutes; minute++)
        {
            var rate = 5 + (3 * Math.Sin(2 * Math.PI * (minute - 480) / 1440));
            foreach (var (queue, team) in Queues)
            {
                var at = start.AddMinutes(minute);
                var incident = incidents.FirstOrDefault(i => i.Queue == queue && at >= i.From && at < i.To);
                if (incident is { Dead: true })
                {
                    continue;
                }

                for (var n = Poisson(rate); n > 0; n--)
                {
                    Contact(events, at.AddSeconds(_random.Next(60)), queue, team, incident?.WaitSeconds ?? 0, incident?.HandleFactor ?? 1);
                }
            }
        }

        return events;
    }

    private void Contact(List<CxEvent> events, DateTimeOffset start, string queue, string team, double incidentWait, double handleFactor)
    {
        var id = $"conv-{++_conversation}";
        var customer = $"cust-{_random.Next(50_000)}";
        var channel = _random.NextDouble() < 0.3 ? CxChannel.Chat : CxChannel.Voice;
        CxEvent Make(CxEventType type, DateTimeOffset time, CxMeasures? measures = null, CxScores? scores = null, CxOutcome? outcome = null) => new()
        {
            EventId = $"{id}-{type}",
            SourceSystem = "synthetic",
            Type = type,
            EventTime = time,
            ConversationId = id,
            Channel = channel,
            Queue = queue,
            Team = team,
            Region = "eu",
            CustomerKey = customer,
            Measures = measures ?? new CxMeasures(),
            Scores = scores ?? new CxScores(),
            Outcome = outcome,
        };

        events.Add(Make(CxEventType.ContactStarted, start));
        var wait = incidentWait > 0 ? Normal(incidentWait, incidentWait / 6) : Normal(10, 4);
        if (_random.NextDouble() < 0.03)
        {
            events.Add(Make(CxEventType.ContactAbandoned, start.AddSeconds(wait), new CxMeasures { WaitSeconds = wait }));
            return;
        }

        var answered = start.AddSeconds(wait);
        events.Add(Make(CxEventType.ContactAnswered, answered, new CxMeasures { WaitSeconds = wait }));
        if (channel == CxChannel.Chat)
        {
            var firstResponse = wait + Normal(15, 5);
            events.Add(Make(CxEventType.FirstResponse, start.AddSeconds(firstResponse), new CxMeasures { FirstResponseSeconds = firstResponse }));
            events.Add(Make(CxEventType.MessagePosted, answered.AddSeconds(30), scores: new CxScores { Sentiment = Math.Clamp(Normal(0.2, 0.3), -1, 1) }));
        }

        var talk = (skewedHandleTimes ? LogNormal(240, 0.5) : Normal(240, 60)) * handleFactor;
        var hold = (skewedHandleTimes ? LogNormal(30, 0.5) : Normal(30, 10)) * handleFactor;
        var work = (skewedHandleTimes ? LogNormal(45, 0.5) : Normal(45, 15)) * handleFactor;
        var end = answered.AddSeconds(talk + hold + work);
        var roll = _random.NextDouble();
        var outcome = roll < 0.85 ? CxOutcome.Resolved : roll < 0.95 ? CxOutcome.Unresolved : CxOutcome.Escalated;
        if (outcome == CxOutcome.Escalated)
        {
            events.Add(Make(CxEventType.ContactEscalated, answered.AddSeconds(talk)));
        }

        events.Add(Make(CxEventType.ContactEnded, end, new CxMeasures { TalkSeconds = talk, HoldSeconds = hold, AfterContactWorkSeconds = work }, outcome: outcome));
        if (_random.NextDouble() < 0.25)
        {
            events.Add(Make(CxEventType.SurveyResponse, end.AddMinutes(2), scores: new CxScores { Csat = Csat(), Nps = Nps(), Ces = _random.Next(4, 8) }));
        }
    }

    private int Csat()
    {
        var roll = _random.NextDouble();
        return roll < 0.40 ? 5 : roll < 0.75 ? 4 : roll < 0.90 ? 3 : roll < 0.96 ? 2 : 1;
    }

    private int Nps()
    {
        var roll = _random.NextDouble();
        return roll < 0.45 ? _random.Next(9, 11) : roll < 0.80 ? _random.Next(7, 9) : _random.Next(0, 7);
    }

    private double Normal(double mean, double deviation)
    {
        var u = 1 - _random.NextDouble();
        var v = _random.NextDouble();
        return Math.Max(0, mean + (deviation * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v)));
    }

    /// <summary>A log-normal value with mean <paramref name="mean"/> and shape <paramref name="sigma"/>.</summary>
    private double LogNormal(double mean, double sigma) => mean * Math.Exp((sigma * StandardNormal()) - (sigma * sigma / 2));

    private double StandardNormal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

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

using System.Globalization;
using CxServerless.Domain.Events;
using CxSim.Formats;
using CxSim.Generation.Conversations;
using CxSim.Incidents;

namespace CxSim.Generation;

/// <summary>
/// Produces contact-centre traffic for a <see cref="SimulationScenario"/>: contacts arrive as a Poisson process shaped by
/// the intraday curve, each plays out as a coherent conversation on its channel, and the events come out in event-time
/// order. Pure and deterministic: no I/O, no clock; the same scenario always yields the same sequence.
/// </summary>
public sealed class TrafficGenerator
{
    private const int CustomerPool = 25_000;
    private readonly IEventEncoder _encoder;
    private readonly ScriptContext _context;
    private readonly double[] _channelWeights;
    private readonly double[] _queueWeights;

    /// <summary>Creates a generator; throws <see cref="ArgumentException"/> when the scenario is invalid.</summary>
    public TrafficGenerator(SimulationScenario scenario, IEventEncoder? encoder = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        scenario.Validate();
        Scenario = scenario;
        _encoder = encoder ?? CanonicalEventEncoder.Instance;
        _context = new ScriptContext(new IncidentBook(scenario.Incidents));
        _channelWeights = [.. scenario.Channels.Select(c => c.Weight)];
        _queueWeights = [.. scenario.Queues.Select(q => q.Weight)];
    }

    /// <summary>The scenario this generator plays.</summary>
    public SimulationScenario Scenario { get; }

    /// <summary>The labels of the scenario's incidents, for the labels file and for detection-quality tests.</summary>
    public IReadOnlyList<IncidentLabel> Labels => [.. Scenario.Incidents.Select(i => i.ToLabel())];

    /// <summary>
    /// The events, in event-time order (ties keep generation order). Endless when the scenario has no duration; enumerate
    /// lazily. Each enumeration starts again from the beginning and yields the same sequence.
    /// </summary>
    public IEnumerable<SimulatedEvent> Generate()
    {
        var arrivals = new SimRandom(Scenario.Seed, -1);
        var faults = new FaultInjector(Scenario, _encoder);
        var pending = new PriorityQueue<CxEvent, (long Ticks, long Order)>();
        var end = Scenario.End;
        long order = 0;
        long contact = 0;
        var next = NextArrival(Scenario.Start - Scenario.WarmUp, arrivals);
        while (end is null || next < end)
        {
            while (pending.TryPeek(out _, out var key) && key.Ticks <= next.UtcTicks)
            {
                foreach (var wire in faults.Emit(pending.Dequeue()))
                {
                    yield return wire;
                }
            }

            foreach (var e in Play(Plan(contact++, next, arrivals)))
            {
                if ((end is null || e.EventTime < end) && e.EventTime >= Scenario.Start)
                {
                    pending.Enqueue(e, (e.EventTime.UtcTicks, order++));
                }
            }

            next = NextArrival(next, arrivals);
        }

        while (pending.Count > 0)
        {
            foreach (var wire in faults.Emit(pending.Dequeue()))
            {
                yield return wire;
            }
        }
    }

    /// <summary>
    /// The mean number of well-formed events a contact produces under this scenario's channel mix, measured over a fixed
    /// sample of complete conversations (used to turn an events-per-second rate into contacts per minute).
    /// </summary>
    public double EstimateEventsPerContact(int sample = 4000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sample);
        var random = new SimRandom(Scenario.Seed, -4);
        var events = 0L;
        for (var k = 0; k < sample; k++)
        {
            events += Play(Plan(k, Scenario.Start, random)).Count;
        }

        return (double)events / sample;
    }

    private DateTimeOffset NextArrival(DateTimeOffset from, SimRandom random)
    {
        var perSecond = Scenario.ContactsPerMinute / 60.0 * Scenario.Curve.LevelAt(from);
        var gap = random.Exponential(1.0 / Math.Max(perSecond, 1e-9));
        return from.AddMilliseconds(Math.Max(1, Math.Round(gap * 1000)));
    }

    private ContactPlan Plan(long number, DateTimeOffset arrival, SimRandom random)
    {
        var channel = Scenario.Channels[random.PickWeighted(_channelWeights)].Channel;
        var queue = Scenario.Queues[random.PickWeighted(_queueWeights)];
        var region = random.Pick(Scenario.Regions);
        var customer = random.Next(CustomerPool);
        var id = string.Create(CultureInfo.InvariantCulture, $"s{Scenario.Seed}-{number:D7}");
        var key = "cus-" + StableHash.Hex(string.Create(CultureInfo.InvariantCulture, $"customer/{customer}"), 12);
        return new ContactPlan(number, id, channel, queue, region, key, arrival, Scenario.Curve.LevelAt(arrival));
    }

    private IReadOnlyList<CxEvent> Play(ContactPlan plan)
    {
        var conversation = new ConversationBuilder(plan, new SimRandom(Scenario.Seed, plan.Number), Scenario.SourceSystem);
        IConversationScript.For(plan.Channel).Play(conversation, _context);
        return conversation.Events;
    }
}

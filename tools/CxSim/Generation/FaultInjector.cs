using CxServerless.Domain.Events;
using CxSim.Faults;
using CxSim.Formats;

namespace CxSim.Generation;

/// <summary>
/// Turns canonical events into wire events, planting personal data in a share of them and adding malformed events, each
/// from its own random stream so that faults never change the underlying traffic.
/// </summary>
internal sealed class FaultInjector(SimulationScenario scenario, IEventEncoder encoder)
{
    private readonly SimRandom _pii = new(scenario.Seed, -3);
    private readonly SimRandom _malformed = new(scenario.Seed, -2);
    private readonly double _malformedPerGood = scenario.MalformedShare / (1 - scenario.MalformedShare);
    private long _sequence;

    public IEnumerable<SimulatedEvent> Emit(CxEvent good)
    {
        var sent = good;
        var pii = PiiKinds.None;
        if (_pii.Chance(scenario.PiiShare))
        {
            var (text, kinds) = PiiText.Sentence(_pii);
            sent = good with { Text = good.Text is null ? text : good.Text + " " + text };
            pii = kinds;
        }

        var encoded = encoder.Encode(sent);
        yield return new SimulatedEvent(
            _sequence++, good.EventTime, good.ConversationId, good.Channel, encoded.Body, encoded.Format, sent, null, pii);

        if (_malformedPerGood > 0 && _malformed.Chance(_malformedPerGood))
        {
            var kind = MalformedEvents.PickKind(_malformed);
            var body = MalformedEvents.Create(kind, good, _malformed);
            yield return new SimulatedEvent(
                _sequence++, good.EventTime, good.ConversationId, good.Channel,
                body, CanonicalEventEncoder.Format, null, kind, PiiKinds.None);
        }
    }
}

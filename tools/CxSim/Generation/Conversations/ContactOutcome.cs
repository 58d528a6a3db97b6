using CxServerless.Domain.Events;

namespace CxSim.Generation.Conversations;

/// <summary>How handled contacts end: mostly resolved, some unresolved, a few escalated.</summary>
internal static class ContactOutcome
{
    public static CxOutcome Pick(SimRandom random)
    {
        var x = random.NextDouble();
        return x < 0.05 ? CxOutcome.Escalated : x < 0.25 ? CxOutcome.Unresolved : CxOutcome.Resolved;
    }
}

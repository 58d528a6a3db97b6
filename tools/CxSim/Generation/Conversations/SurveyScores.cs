using CxServerless.Domain.Events;

namespace CxSim.Generation.Conversations;

/// <summary>Survey answers: CSAT 1–5 by outcome (or from the unhappy distribution during a CSAT dip), NPS and CES following it.</summary>
internal static class SurveyScores
{
    // Weights of CSAT 1..5.
    private static readonly double[] Resolved = [0.04, 0.05, 0.11, 0.32, 0.48];
    private static readonly double[] NotResolved = [0.15, 0.20, 0.25, 0.25, 0.15];
    private static readonly double[] Unhappy = [0.45, 0.35, 0.15, 0.04, 0.01];

    public static CxScores Draw(SimRandom r, CxOutcome outcome, double unhappyShare)
    {
        var weights = r.Chance(unhappyShare) ? Unhappy : outcome == CxOutcome.Resolved ? Resolved : NotResolved;
        var csat = r.PickWeighted(weights) + 1;
        var nps = csat switch
        {
            5 => r.Chance(0.8) ? r.Between(9, 10) : r.Between(7, 8),
            4 => r.Between(7, 9),
            3 => r.Between(5, 7),
            2 => r.Between(2, 5),
            _ => r.Between(0, 3),
        };
        var ces = Math.Clamp(csat + 2 + r.Between(-1, 1), 1, 7);
        return new CxScores { Csat = csat, Nps = nps, Ces = ces };
    }
}

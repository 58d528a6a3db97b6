namespace CxServerless.Domain.Feedback;

/// <summary>The feedback KPIs of one group of loops, with the counts behind every ratio.</summary>
/// <param name="Key">The team, the topic, or <c>total</c>.</param>
/// <param name="Opened">Loops opened.</param>
/// <param name="TaskEnded">Of them, loops whose follow-up task ended other than as a false alarm.</param>
/// <param name="ClosedWithinSla">Of those, loops whose task never breached its SLA.</param>
/// <param name="ClosedWithinSlaRate"><paramref name="ClosedWithinSla"/> ÷ <paramref name="TaskEnded"/>; null when 0 ended.</param>
/// <param name="Detractors">Loops opened by a detractor (<see cref="FeedbackRecovery.IsDetractor"/>).</param>
/// <param name="DetractorsAnswered">Detractors whose follow-up answered the scale that made them one.</param>
/// <param name="Recovered">Of those, detractors who recovered (<see cref="FeedbackRecovery.Recovered"/>).</param>
/// <param name="RecoveredRate"><paramref name="Recovered"/> ÷ <paramref name="DetractorsAnswered"/>; null when 0 answered.</param>
/// <param name="SentimentPairs">Loops with a sentiment both before and after.</param>
/// <param name="MeanSentimentDelta">Mean of (after − before) over those; null when there are none.</param>
public sealed record FeedbackKpiFigures(
    string Key,
    int Opened,
    int TaskEnded,
    int ClosedWithinSla,
    double? ClosedWithinSlaRate,
    int Detractors,
    int DetractorsAnswered,
    int Recovered,
    double? RecoveredRate,
    int SentimentPairs,
    double? MeanSentimentDelta)
{
    /// <summary>Computes the figures of a group.</summary>
    /// <param name="key">The group's key.</param>
    /// <param name="loops">Its loops.</param>
    /// <returns>The figures.</returns>
    /// <remarks>
    /// A loop dismissed as a false alarm counts as opened but neither for nor against the SLA: nobody had to follow up.
    /// A task that breached its SLA counts against it once it ends.
    /// </remarks>
    public static FeedbackKpiFigures Of(string key, IEnumerable<FeedbackLoopFacts> loops)
    {
        ArgumentNullException.ThrowIfNull(loops);
        var list = loops.ToList();
        var ended = list.Where(l => l.TaskEnded && !l.Dismissed).ToList();
        var withinSla = ended.Count(l => !l.SlaBreached);
        var recoveries = list
            .Select(l => FeedbackRecovery.Recovered(l.BeforeCsat, l.BeforeNps, l.AfterCsat, l.AfterNps))
            .Where(r => r is not null)
            .ToList();
        var recovered = recoveries.Count(r => r == true);
        var deltas = list
            .Where(l => l.BeforeSentiment is not null && l.AfterSentiment is not null)
            .Select(l => l.AfterSentiment!.Value - l.BeforeSentiment!.Value)
            .ToList();
        return new FeedbackKpiFigures(
            key,
            list.Count,
            ended.Count,
            withinSla,
            Ratio(withinSla, ended.Count),
            list.Count(l => FeedbackRecovery.IsDetractor(l.BeforeCsat, l.BeforeNps)),
            recoveries.Count,
            recovered,
            Ratio(recovered, recoveries.Count),
            deltas.Count,
            deltas.Count == 0 ? null : deltas.Average());
    }

    private static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;
}

namespace CxServerless.Domain.Feedback;

/// <summary>
/// The feedback KPIs of the loops opened in a window, per team or topic and in total. Pure.
/// </summary>
/// <param name="Groups">One entry per team or topic that opened a loop in the window, ordered by key (ordinal).</param>
/// <param name="Total">Every loop of the window.</param>
/// <remarks>
/// The time basis is the loop's opening: a loop belongs to the window (from, to] its <c>OpenedAt</c> falls in, whatever
/// happened to it later, so a window's figures settle as its loops end. A window's start is excluded and its end
/// included, as for every KPI window of the app.
/// </remarks>
public sealed record FeedbackKpis(IReadOnlyList<FeedbackKpiFigures> Groups, FeedbackKpiFigures Total)
{
    /// <summary>The team key of loops whose task has no team yet.</summary>
    public const string Unassigned = "unassigned";

    /// <summary>The key of the total.</summary>
    public const string TotalKey = "total";

    /// <summary>Computes the figures of the loops opened in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <param name="loops">Loops (those opened outside the window are ignored).</param>
    /// <param name="from">The window's start (excluded).</param>
    /// <param name="to">The window's end (included).</param>
    /// <param name="by">The grouping.</param>
    /// <returns>The figures.</returns>
    public static FeedbackKpis Compute(IEnumerable<FeedbackLoopFacts> loops, DateTimeOffset from, DateTimeOffset to, FeedbackKpiGrouping by)
    {
        ArgumentNullException.ThrowIfNull(loops);
        var inWindow = loops.Where(l => l.OpenedAt > from && l.OpenedAt <= to).ToList();
        var groups = inWindow
            .GroupBy(l => by == FeedbackKpiGrouping.Team ? l.Team ?? Unassigned : l.Topic, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => FeedbackKpiFigures.Of(g.Key, g))
            .ToList();
        return new FeedbackKpis(groups, FeedbackKpiFigures.Of(TotalKey, inWindow));
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using CxServerless.Domain.Feedback;

namespace CxServerless.Functions.Feedback;

/// <summary>The answer of <c>GET /api/feedback/kpis</c>: the feedback KPIs of the loops opened in the window.</summary>
/// <param name="From">The window's start (excluded).</param>
/// <param name="To">The window's end (included).</param>
/// <param name="By"><c>team</c> or <c>topic</c>: what <paramref name="Rows"/> are.</param>
/// <param name="Team">The team the figures cover, or null for every team.</param>
/// <param name="Rows">One row per team or topic that opened a loop in the window, ordered by key.</param>
/// <param name="Total">Every loop of the window (of <paramref name="Team"/> when set).</param>
public sealed record FeedbackKpisResponse(
    DateTimeOffset From, DateTimeOffset To, string By, string? Team, IReadOnlyList<FeedbackKpiRow> Rows, FeedbackKpiRow Total);

/// <summary>The feedback KPIs of one team, one topic, or the total (docs/feedback.md, "Feedback KPIs").</summary>
/// <param name="Key">The team (<c>unassigned</c> before routing), the topic, or <c>total</c>.</param>
/// <param name="Opened">Loops opened in the window.</param>
/// <param name="TaskEnded">Of them, loops whose follow-up task ended other than as a false alarm.</param>
/// <param name="ClosedWithinSla">Of those, loops whose task never breached its SLA.</param>
/// <param name="ClosedWithinSlaPercent">100 × closed within SLA ÷ task ended, to 0.1; null when no task ended.</param>
/// <param name="Detractors">Loops opened by a detractor (NPS 0–6, or CSAT 1–2 without an NPS).</param>
/// <param name="DetractorsAnswered">Detractors whose follow-up answered the scale that made them one.</param>
/// <param name="Recovered">Of those, detractors who left the band (NPS 7–10, CSAT 3–5).</param>
/// <param name="RecoveredPercent">100 × recovered ÷ detractors answered, to 0.1; null when none answered.</param>
/// <param name="SentimentPairs">Loops with a sentiment both before and after.</param>
/// <param name="MeanSentimentDelta">Mean of (after − before) sentiment over those, to 0.001; null when none.</param>
public sealed record FeedbackKpiRow(
    string Key,
    int Opened,
    int TaskEnded,
    int ClosedWithinSla,
    double? ClosedWithinSlaPercent,
    int Detractors,
    int DetractorsAnswered,
    int Recovered,
    double? RecoveredPercent,
    int SentimentPairs,
    double? MeanSentimentDelta)
{
    /// <summary>The row of computed figures.</summary>
    /// <param name="f">The figures.</param>
    /// <returns>The row.</returns>
    public static FeedbackKpiRow From(FeedbackKpiFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new FeedbackKpiRow(
            f.Key, f.Opened, f.TaskEnded, f.ClosedWithinSla, Percent(f.ClosedWithinSlaRate), f.Detractors, f.DetractorsAnswered,
            f.Recovered, Percent(f.RecoveredRate), f.SentimentPairs,
            f.MeanSentimentDelta is { } d ? Math.Round(d, 3, MidpointRounding.AwayFromZero) : null);
    }

    private static double? Percent(double? rate) => rate is { } r ? Math.Round(r * 100, 1, MidpointRounding.AwayFromZero) : null;
}

/// <summary>Source-generated JSON for the feedback KPIs: camelCase; nulls written, since a null ratio means "no denominator".</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FeedbackKpisResponse))]
internal sealed partial class FeedbackKpisJsonContext : JsonSerializerContext;

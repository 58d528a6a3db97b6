using System.Globalization;
using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Sentiment.Drift;

/// <summary>
/// <c>GET /api/ops/sentiment-drift?from=&amp;to=</c> (OpsAdmin, Auditor): the drift checks of the checked days from
/// <c>from</c> to <c>to</c> (dates, <c>yyyy-MM-dd</c>, inclusive; default the last 30 days, at most 366), newest first,
/// with their figures and the thresholds in force. Audited.
/// </summary>
public sealed class OpsSentimentDriftFunction(
    SentimentDriftStore store, IOptions<SentimentDriftOptions> options, TimeProvider time, HttpFunctionServices services)
    : HttpFunction(services)
{
    /// <summary>The longest range one query may cover, in days.</summary>
    public const int MaxDays = 366;

    /// <inheritdoc />
    public override string Name => "OpsSentimentDrift";

    /// <inheritdoc />
    /// <remarks>OpsAdmin runs the platform and Auditors check it, as for the other <c>/api/ops</c> reads (docs/security.md).</remarks>
    public override IReadOnlySet<string> AllowedRoles { get; } =
        new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin, CxRoles.Auditor };

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? problem = null;
        var to = Day(request.Query, "to", ref problem) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = Day(request.Query, "from", ref problem) ?? to.AddDays(-29);
        if (from > to)
        {
            problem ??= "from is after to.";
        }
        else if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            problem ??= $"from and to may cover at most {MaxDays} days.";
        }

        if (problem is not null)
        {
            return HttpTriggerResponse.Problem(400, "Invalid query", problem);
        }

        var settings = options.Value;
        var thresholds = new SentimentDriftThresholdsView(
            settings.PsiWarn, settings.PsiAlert, settings.AccuracyDropPoints, settings.RecallDropPoints, settings.TrailingDays,
            settings.MinimumScores);
        var runs = await store.ListRunsAsync(from, to, cancellationToken);
        var response = HttpTriggerResponse.Json(
            200, new SentimentDriftResponse(from, to, thresholds, runs), SentimentDriftJsonContext.Default.SentimentDriftResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }

    private static DateOnly? Day(IReadOnlyDictionary<string, string> query, string name, ref string? problem)
    {
        if (!query.TryGetValue(name, out var text) || text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problem ??= $"{name} must be a date such as 2026-01-31.";
        return null;
    }
}

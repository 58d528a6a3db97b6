using System.Diagnostics.Metrics;
using System.Text;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Domain.Sentiment;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Telemetry;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CxServerless.Functions.Sentiment;

/// <summary>
/// The scorer chain: Azure AI Language when an endpoint is configured and its circuit breaker is closed, the local
/// lexicon scorer otherwise (no endpoint, this minute's request budget spent (the cost guard), breaker open, the request
/// failed after retries, or Language refused the document). Every text is masked first. Each result names the scorer
/// that produced it and why a fallback happened.
/// </summary>
/// <remarks>
/// Documents go to Language in batches of <see cref="SentimentOptions.BatchSize"/> (at most 10) and under 1 MB per
/// request. A masked text over Language's 5,120 characters is split into parts, scored part by part and combined
/// (<see cref="SentimentChunks"/>). When any part of a document falls back, the whole document is scored locally, so a
/// document has one scorer.
/// </remarks>
/// <param name="language">Creates the typed Language client per call (pooled handlers; one shared resilience pipeline).</param>
/// <param name="budget">The cost guard: Language requests per minute.</param>
/// <param name="options">The sentiment settings.</param>
/// <param name="logger">The logger.</param>
public sealed partial class SentimentChain(
    Func<LanguageClient> language, LanguageCallBudget budget, IOptions<SentimentOptions> options, ILogger<SentimentChain> logger)
{
    private static readonly Counter<long> Documents = CxTelemetry.Meter.CreateCounter<long>(
        "cx.sentiment.documents", unit: "{document}", description: "Documents scored, by scorer and fallback reason.");

    private readonly LexiconSentimentScorer _local = LexiconSentimentScorer.Default;

    /// <summary>Scores documents.</summary>
    /// <param name="documents">The documents.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per document, in order.</returns>
    public async Task<IReadOnlyList<ScoredDocument>> ScoreAsync(
        IReadOnlyList<SentimentDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var masked = documents.Select(d => PiiMasker.Mask(d.Text)).ToList();
        var settings = options.Value;
        var fallbacks = new string?[documents.Count];
        var partScores = new List<(SentimentScore Score, int Length)>?[documents.Count];
        if (!settings.LanguageConfigured)
        {
            Array.Fill(fallbacks, "not-configured");
        }
        else
        {
            var parts = new List<Part>();
            for (var d = 0; d < documents.Count; d++)
            {
                foreach (var text in SentimentChunks.Split(masked[d], SentimentLimits.MaxCharacters))
                {
                    parts.Add(new Part(d, text, Language(documents[d].Language)));
                }
            }

            foreach (var batch in Batches(parts, settings.BatchSize))
            {
                await ScoreBatchAsync(batch, fallbacks, partScores, cancellationToken);
            }
        }

        var results = new List<ScoredDocument>(documents.Count);
        for (var d = 0; d < documents.Count; d++)
        {
            var score = fallbacks[d] is null && partScores[d] is { } scored ? SentimentChunks.Combine(scored) : _local.Score(masked[d]);
            var warnings = score.Scorer == LexiconSentimentScorer.Name && !IsEnglish(documents[d].Language)
                ? new[] { $"The local scorer reads English only; this text (language {documents[d].Language}) was scored as English." }
                : [];
            Documents.Add(1, new("scorer", score.Scorer), new("fallback", fallbacks[d] ?? "none"));
            results.Add(new ScoredDocument(documents[d].Id, score, fallbacks[d], warnings));
        }

        return results;
    }

    private async Task ScoreBatchAsync(
        List<Part> batch, string?[] fallbacks, List<(SentimentScore, int)>?[] partScores, CancellationToken cancellationToken)
    {
        if (!budget.TryTake())
        {
            LanguageBudgetSpent(logger, batch.Count);
            MarkAll(batch, fallbacks, "cost-guard");
            return;
        }

        IReadOnlyList<LanguageDocumentOutcome> outcomes;
        try
        {
            outcomes = await language().AnalyzeAsync(batch.Select(p => (p.Text, p.Language)).ToList(), cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            LanguageBreakerOpen(logger, batch.Count);
            MarkAll(batch, fallbacks, "breaker-open");
            return;
        }
        catch (Exception ex) when (ex is LanguageRequestException or HttpRequestException or TimeoutRejectedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LanguageFailed(logger, batch.Count, ex is LanguageRequestException failed
                ? $"HTTP {failed.Status} ({failed.Code ?? "no code"})"
                : ExceptionCodes.Describe(ex));
            MarkAll(batch, fallbacks, "language-failed");
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var d = batch[i].Document;
            if (outcomes[i].Score is { } score)
            {
                (partScores[d] ??= []).Add((score, SentimentLimits.CharacterCount(batch[i].Text)));
            }
            else
            {
                LanguageRefusedDocument(logger, outcomes[i].ErrorCode ?? "unknown");
                fallbacks[d] ??= "document-error";
            }
        }
    }

    private static void MarkAll(List<Part> batch, string?[] fallbacks, string reason)
    {
        foreach (var part in batch)
        {
            fallbacks[part.Document] ??= reason;
        }
    }

    private static IEnumerable<List<Part>> Batches(List<Part> parts, int size)
    {
        var batch = new List<Part>();
        var bytes = 0;
        foreach (var part in parts)
        {
            var partBytes = Encoding.UTF8.GetByteCount(part.Text) + 64;
            if (batch.Count > 0 && (batch.Count == size || bytes + partBytes > LanguageClient.MaxRequestBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(part);
            bytes += partBytes;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static string Language(string? language) => string.IsNullOrWhiteSpace(language) ? "en" : language;

    private static bool IsEnglish(string? language) =>
        string.IsNullOrWhiteSpace(language) || language.Equals("en", StringComparison.OrdinalIgnoreCase)
        || language.StartsWith("en-", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Warning,
        Message = "Sentiment: Language's circuit breaker is open; the local scorer answers {Count} text(s)")]
    private static partial void LanguageBreakerOpen(ILogger logger, int count);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning,
        Message = "Sentiment: Language failed after retries with {Exception}; the local scorer answers {Count} text(s)")]
    private static partial void LanguageFailed(ILogger logger, int count, string exception);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Information,
        Message = "Sentiment: this minute's Language requests are spent (cost guard); the local scorer answers {Count} text(s)")]
    private static partial void LanguageBudgetSpent(ILogger logger, int count);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Information,
        Message = "Sentiment: Language refused a document ({Code}); the local scorer answers it")]
    private static partial void LanguageRefusedDocument(ILogger logger, string code);

    private sealed record Part(int Document, string Text, string Language);
}

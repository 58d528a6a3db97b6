using CxServerless.Domain.Sentiment;

namespace CxServerless.Functions.Sentiment;

/// <summary>A scored text.</summary>
/// <param name="Id">The caller's id.</param>
/// <param name="Score">The score, with the scorer and model version that produced it.</param>
/// <param name="Fallback">
/// Why the local scorer answered instead of Language, or null when Language did: <c>not-configured</c>,
/// <c>breaker-open</c>, <c>language-failed</c> or <c>document-error</c> (Language refused this document).
/// </param>
/// <param name="Warnings">Notes about the score (the local scorer reading a language other than English).</param>
public sealed record ScoredDocument(string Id, SentimentScore Score, string? Fallback, IReadOnlyList<string> Warnings);

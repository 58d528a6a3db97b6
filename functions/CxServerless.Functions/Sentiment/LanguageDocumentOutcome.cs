using CxServerless.Domain.Sentiment;

namespace CxServerless.Functions.Sentiment;

/// <summary>What Language said about one document: its score, or the error code it refused it with.</summary>
/// <param name="Score">The score, or null.</param>
/// <param name="ErrorCode">The error code (<c>InvalidDocument</c>, <c>UnsupportedLanguageCode</c>...), or null.</param>
public sealed record LanguageDocumentOutcome(SentimentScore? Score, string? ErrorCode);

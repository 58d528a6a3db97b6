using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Sentiment;

/// <summary>The body of <c>POST /api/sentiment</c>.</summary>
/// <param name="Documents">1 to 100 documents.</param>
public sealed record SentimentRequest(IReadOnlyList<SentimentRequestDocument?>? Documents);

/// <summary>One document to score.</summary>
/// <param name="Id">The caller's id, unique in the request (1 to 64 characters).</param>
/// <param name="Text">The text (1 to 5,120 characters).</param>
/// <param name="Language">ISO 639-1 language (<c>en</c>, <c>fr</c>, <c>pt-BR</c>...), optional; English by default.</param>
public sealed record SentimentRequestDocument(string? Id, string? Text, string? Language);

/// <summary>The answer of <c>POST /api/sentiment</c>.</summary>
/// <param name="Documents">One result per document, in the request's order.</param>
public sealed record SentimentResponse(IReadOnlyList<SentimentResponseDocument> Documents);

/// <summary>One document's sentiment.</summary>
/// <param name="Id">The caller's id.</param>
/// <param name="Sentiment"><c>positive</c>, <c>neutral</c>, <c>negative</c> or <c>mixed</c>.</param>
/// <param name="ConfidenceScores">Positive, neutral and negative shares, adding up to 1.</param>
/// <param name="Score">One number from −1 to +1 (what the AverageSentiment KPI averages).</param>
/// <param name="Scorer"><c>azure-language</c> or <c>local-lexicon</c>.</param>
/// <param name="ModelVersion">The Language model version, or the local lexicon's version.</param>
/// <param name="Fallback">Why the local scorer answered although Language is configured; absent otherwise.</param>
/// <param name="Warnings">Notes, absent when none.</param>
public sealed record SentimentResponseDocument(
    string Id, string Sentiment, SentimentConfidenceView ConfidenceScores, double Score, string Scorer, string ModelVersion,
    string? Fallback, IReadOnlyList<string>? Warnings);

/// <summary>Confidence shares.</summary>
/// <param name="Positive">Positive.</param>
/// <param name="Neutral">Neutral.</param>
/// <param name="Negative">Negative.</param>
public sealed record SentimentConfidenceView(double Positive, double Neutral, double Negative);

/// <summary>Source-generated JSON for <c>POST /api/sentiment</c>; absent optional fields are left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SentimentRequest))]
[JsonSerializable(typeof(SentimentResponse))]
internal sealed partial class SentimentJsonContext : JsonSerializerContext;

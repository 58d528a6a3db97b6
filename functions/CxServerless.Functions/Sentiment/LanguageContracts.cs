using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Sentiment;

/// <summary>The body of <c>POST {endpoint}/language/:analyze-text</c> for sentiment analysis.</summary>
/// <param name="Kind">Always <c>SentimentAnalysis</c>.</param>
/// <param name="Parameters">Model version and opinion mining.</param>
/// <param name="AnalysisInput">The documents.</param>
internal sealed record LanguageAnalyzeRequest(string Kind, LanguageSentimentParameters Parameters, LanguageAnalysisInput AnalysisInput);

/// <summary>The task parameters.</summary>
/// <param name="ModelVersion"><c>latest</c> or a dated version.</param>
/// <param name="OpinionMining">Whether to mine opinions (targets and assessments) per sentence.</param>
/// <param name="StringIndexType">How offsets are counted: <c>TextElements_v8</c> (text elements, as the limits are).</param>
internal sealed record LanguageSentimentParameters(string ModelVersion, bool OpinionMining, string StringIndexType);

/// <summary>The documents to analyse.</summary>
/// <param name="Documents">At most 10.</param>
internal sealed record LanguageAnalysisInput(IReadOnlyList<LanguageInputDocument> Documents);

/// <summary>One document sent to Language: masked text under a positional id (never the caller's id).</summary>
/// <param name="Id">The position in the request (<c>0</c>..<c>9</c>).</param>
/// <param name="Text">The masked text, at most 5,120 text elements.</param>
/// <param name="Language">The ISO 639-1 language (<c>en</c> by default).</param>
internal sealed record LanguageInputDocument(string Id, string Text, string Language);

/// <summary>The answer of <c>:analyze-text</c>.</summary>
/// <param name="Kind"><c>SentimentAnalysisResults</c>.</param>
/// <param name="Results">The results.</param>
internal sealed record LanguageAnalyzeResponse(string? Kind, LanguageSentimentResults? Results);

/// <summary>Per-document results and errors, and the model that produced them.</summary>
/// <param name="Documents">The documents Language scored.</param>
/// <param name="Errors">The documents it refused, with why.</param>
/// <param name="ModelVersion">The model version.</param>
internal sealed record LanguageSentimentResults(
    IReadOnlyList<LanguageDocumentSentiment>? Documents, IReadOnlyList<LanguageDocumentError>? Errors, string? ModelVersion);

/// <summary>One document's sentiment.</summary>
/// <param name="Id">The id sent.</param>
/// <param name="Sentiment"><c>positive</c>, <c>neutral</c>, <c>negative</c> or <c>mixed</c>.</param>
/// <param name="ConfidenceScores">The model's confidences.</param>
/// <param name="Warnings">Warnings about the document.</param>
internal sealed record LanguageDocumentSentiment(
    string Id, string Sentiment, LanguageConfidence ConfidenceScores, IReadOnlyList<LanguageWarning>? Warnings);

/// <summary>Confidence per class, 0 to 1.</summary>
/// <param name="Positive">Positive.</param>
/// <param name="Neutral">Neutral.</param>
/// <param name="Negative">Negative.</param>
internal sealed record LanguageConfidence(double Positive, double Neutral, double Negative);

/// <summary>A warning on a document.</summary>
/// <param name="Code">The warning code (<c>LongWordsInDocument</c>, <c>DocumentTruncated</c>).</param>
/// <param name="Message">The message.</param>
internal sealed record LanguageWarning(string? Code, string? Message);

/// <summary>A document Language refused.</summary>
/// <param name="Id">The id sent.</param>
/// <param name="Error">Why.</param>
internal sealed record LanguageDocumentError(string Id, LanguageError? Error);

/// <summary>An error and its inner error (<c>InvalidArgument</c> / <c>InvalidDocument</c>, <c>UnsupportedLanguageCode</c>...).</summary>
/// <param name="Code">The code.</param>
/// <param name="Message">The message (may quote input: never logged).</param>
/// <param name="InnerError">The inner error.</param>
internal sealed record LanguageError(
    string? Code, string? Message, [property: JsonPropertyName("innererror")] LanguageError? InnerError);

/// <summary>The body of a failed request.</summary>
/// <param name="Error">The error.</param>
internal sealed record LanguageErrorResponse(LanguageError? Error);

/// <summary>Source-generated JSON for the Language REST contract (camelCase; nulls omitted on the way out).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LanguageAnalyzeRequest))]
[JsonSerializable(typeof(LanguageAnalyzeResponse))]
[JsonSerializable(typeof(LanguageErrorResponse))]
internal sealed partial class LanguageJsonContext : JsonSerializerContext;

using System.Globalization;
using System.Net.Http.Headers;
using Azure.Core;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Domain.Sentiment;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Sentiment;

/// <summary>
/// Azure AI Language sentiment analysis over REST: <c>POST {endpoint}/language/:analyze-text?api-version=</c>
/// <see cref="ApiVersion"/> with kind <c>SentimentAnalysis</c> and opinion mining on. A typed <see cref="HttpClient"/>
/// behind the sentiment resilience pipeline (retries that honour <c>Retry-After</c>, a timeout per attempt, a circuit
/// breaker; <c>SentimentExtensions</c>).
/// </summary>
/// <remarks>
/// Authentication: <c>Ocp-Apim-Subscription-Key</c> when a key is configured (local development against a key-enabled
/// account), otherwise an Entra token of the app's identity for <see cref="Scope"/> (Azure, where the account's key
/// authentication is off). Every text is masked with <see cref="PiiMasker"/> here, the last step before the wire, and
/// documents go under their position in the request, never under the caller's id.
/// </remarks>
/// <param name="http">The typed client.</param>
/// <param name="credential">The app's identity.</param>
/// <param name="options">The sentiment settings.</param>
public sealed class LanguageClient(HttpClient http, TokenCredential credential, IOptions<SentimentOptions> options)
{
    /// <summary>The REST API version (GA).</summary>
    public const string ApiVersion = "2023-04-01";

    /// <summary>The Entra scope of Azure AI services.</summary>
    public const string Scope = "https://cognitiveservices.azure.com/.default";

    /// <summary>The scorer name recorded in every score Language produces.</summary>
    public const string ScorerName = "azure-language";

    /// <summary>Language's most documents per synchronous sentiment request.</summary>
    public const int MaxDocumentsPerRequest = 10;

    /// <summary>Language's largest request, in bytes (1 MB), less room for the envelope.</summary>
    public const int MaxRequestBytes = 1_000_000 - 4_096;

    /// <summary>The key header.</summary>
    public const string KeyHeader = "Ocp-Apim-Subscription-Key";

    /// <summary>Scores up to <see cref="MaxDocumentsPerRequest"/> documents in one request.</summary>
    /// <param name="texts">The texts (masked again here) and their languages.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Per position, the score or Language's error code for that document.</returns>
    /// <exception cref="LanguageRequestException">Language answered an error status after retries.</exception>
    public async Task<IReadOnlyList<LanguageDocumentOutcome>> AnalyzeAsync(
        IReadOnlyList<(string Text, string Language)> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(texts.Count, MaxDocumentsPerRequest);
        var settings = options.Value;
        var documents = texts.Select((t, i) => new LanguageInputDocument(
            i.ToString(CultureInfo.InvariantCulture), PiiMasker.Mask(t.Text), t.Language)).ToList();
        var body = new LanguageAnalyzeRequest(
            "SentimentAnalysis", new LanguageSentimentParameters(settings.ModelVersion, OpinionMining: true, "TextElements_v8"),
            new LanguageAnalysisInput(documents));
        using var request = new HttpRequestMessage(HttpMethod.Post, AnalyzeUri(settings.Endpoint!))
        {
            Content = JsonContent.Create(body, LanguageJsonContext.Default.LanguageAnalyzeRequest),
        };
        if (!string.IsNullOrWhiteSpace(settings.Key))
        {
            request.Headers.Add(KeyHeader, settings.Key);
        }
        else
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new LanguageRequestException((int)response.StatusCode, await ErrorCodeAsync(response, cancellationToken));
        }

        var answer = await response.Content.ReadFromJsonAsync(LanguageJsonContext.Default.LanguageAnalyzeResponse, cancellationToken);
        return Outcomes(answer?.Results, documents.Count);
    }

    /// <summary>The analyze-text URL of an endpoint.</summary>
    /// <param name="endpoint">The endpoint, with or without a trailing slash.</param>
    /// <returns>The URL.</returns>
    public static Uri AnalyzeUri(string endpoint) =>
        new($"{endpoint.TrimEnd('/')}/language/:analyze-text?api-version={ApiVersion}");

    private static List<LanguageDocumentOutcome> Outcomes(LanguageSentimentResults? results, int count)
    {
        var outcomes = Enumerable.Range(0, count).Select(_ => new LanguageDocumentOutcome(null, "MissingResult")).ToList();
        var model = results?.ModelVersion ?? "unknown";
        foreach (var document in results?.Documents ?? [])
        {
            if (Position(document.Id, count) is { } i)
            {
                outcomes[i] = Label(document.Sentiment) is { } label
                    ? new LanguageDocumentOutcome(Score(document, label, model), null)
                    : new LanguageDocumentOutcome(null, "UnknownSentiment");
            }
        }

        foreach (var error in results?.Errors ?? [])
        {
            if (Position(error.Id, count) is { } i)
            {
                outcomes[i] = new LanguageDocumentOutcome(null, error.Error?.InnerError?.Code ?? error.Error?.Code ?? "Unknown");
            }
        }

        return outcomes;
    }

    private static SentimentScore Score(LanguageDocumentSentiment document, SentimentLabel label, string model)
    {
        var c = document.ConfidenceScores;
        return new SentimentScore(
            label, new SentimentConfidence(c.Positive, c.Neutral, c.Negative), Math.Round(c.Positive - c.Negative, 4), ScorerName, model);
    }

    private static SentimentLabel? Label(string? sentiment) => sentiment switch
    {
        "positive" => SentimentLabel.Positive,
        "neutral" => SentimentLabel.Neutral,
        "negative" => SentimentLabel.Negative,
        "mixed" => SentimentLabel.Mixed,
        _ => null,
    };

    private static int? Position(string? id, int count) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < count ? i : null;

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync(LanguageJsonContext.Default.LanguageErrorResponse, cancellationToken);
            return error?.Error?.InnerError?.Code ?? error?.Error?.Code;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

using System.Globalization;
using System.Text;
using CxServerless.Domain.Access;
using CxServerless.Domain.Sentiment;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tasks;

namespace CxServerless.Functions.Sentiment;

/// <summary>
/// <c>POST /api/sentiment</c> with <c>{ "documents": [{ "id", "text", "language"? }] }</c> (Supervisor, OpsAdmin): scores
/// up to 100 documents with the scorer chain and answers, per document in order, <c>sentiment</c>,
/// <c>confidenceScores</c>, <c>score</c>, <c>scorer</c> and <c>modelVersion</c>. Nothing is stored; texts are masked
/// before any scorer reads them. Over 100 documents, a text over 5,120 characters or a body over 4 MiB is 413 with the
/// reason; a body that is not JSON of that shape, a missing or duplicate id, an empty text or a malformed language is 400.
/// </summary>
public sealed class SentimentFunction(SentimentChain chain, HttpFunctionServices services) : HttpFunction(services)
{
    /// <summary>The largest body: 100 documents of 5,120 characters of up to 4 UTF-8 bytes each, with room for JSON.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private const string Shape = "{ \"documents\": [{ \"id\": \"…\", \"text\": \"…\", \"language\"?: \"en\" }] }";

    /// <inheritdoc />
    public override string Name => "Sentiment";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } =
        new HashSet<string>(StringComparer.Ordinal) { CxRoles.Supervisor, CxRoles.OpsAdmin };

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body is { } raw && Encoding.UTF8.GetByteCount(raw) > MaxBodyBytes)
        {
            return HttpTriggerResponse.Problem(413, "Payload too large", $"The body is over {MaxBodyBytes / 1024 / 1024} MiB.");
        }

        if (!TaskRequests.TryRead(
            request.Body, SentimentJsonContext.Default.SentimentRequest, optional: false, Shape, out var body, out var problem))
        {
            return HttpTriggerResponse.Problem(400, "Invalid body", problem!);
        }

        if (Check(body!, out var documents) is { } refusal)
        {
            return refusal;
        }

        var scored = await chain.ScoreAsync(documents, cancellationToken);
        var view = new SentimentResponse(scored.Select(View).ToList());
        return HttpTriggerResponse.Json(200, view, SentimentJsonContext.Default.SentimentResponse);
    }

    private static HttpTriggerResponse? Check(SentimentRequest body, out List<SentimentDocument> documents)
    {
        documents = [];
        if (body.Documents is null)
        {
            return Invalid($"documents is required: {Shape}.");
        }

        if (body.Documents.Count == 0)
        {
            return Invalid("documents is empty: send 1 to 100 documents.");
        }

        if (body.Documents.Count > SentimentLimits.MaxDocuments)
        {
            return TooLarge(string.Create(CultureInfo.InvariantCulture,
                $"documents has {body.Documents.Count} entries; at most {SentimentLimits.MaxDocuments} are scored in one request."));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < body.Documents.Count; i++)
        {
            var document = body.Documents[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"documents[{i}]");
            if (document is null)
            {
                return Invalid($"{at} must be an object {{ \"id\", \"text\", \"language\"? }}.");
            }

            if (string.IsNullOrWhiteSpace(document.Id) || document.Id.Length > SentimentLimits.MaxIdLength)
            {
                return Invalid($"{at}.id is required: 1 to {SentimentLimits.MaxIdLength} characters.");
            }

            if (!ids.Add(document.Id))
            {
                return Invalid($"{at}.id \"{Clip(document.Id)}\" is used twice; ids must be unique in a request.");
            }

            if (string.IsNullOrWhiteSpace(document.Text))
            {
                return Invalid($"{at}.text is required and must not be empty.");
            }

            var length = SentimentLimits.CharacterCount(document.Text);
            if (length > SentimentLimits.MaxCharacters)
            {
                return TooLarge(string.Create(CultureInfo.InvariantCulture,
                    $"{at}.text has {length} characters; at most {SentimentLimits.MaxCharacters} are allowed (split longer texts)."));
            }

            if (document.Language is { } language && !IsLanguageTag(language))
            {
                return Invalid($"{at}.language must be an ISO 639-1 code such as en, fr or pt-BR.");
            }

            documents.Add(new SentimentDocument(document.Id, document.Text, document.Language));
        }

        return null;
    }

    private static SentimentResponseDocument View(ScoredDocument document)
    {
        var s = document.Score;
        return new SentimentResponseDocument(
            document.Id, s.Label.ToString().ToLowerInvariant(),
            new SentimentConfidenceView(s.Confidence.Positive, s.Confidence.Neutral, s.Confidence.Negative), s.Score, s.Scorer,
            s.ModelVersion, document.Fallback, document.Warnings.Count == 0 ? null : document.Warnings);
    }

    private static bool IsLanguageTag(string tag)
    {
        var parts = tag.Split('-');
        return parts.Length <= 3 && parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetterLower)
            && parts.Skip(1).All(p => p.Length is >= 2 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }

    private static HttpTriggerResponse Invalid(string detail) => HttpTriggerResponse.Problem(400, "Invalid documents", detail);

    private static HttpTriggerResponse TooLarge(string detail) =>
        HttpTriggerResponse.Problem(413, "Too many documents or characters", detail);

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}

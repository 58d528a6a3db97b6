using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Escalation;

/// <summary>
/// <c>PUT /api/roster</c> with a routing file: validates it and, when valid, puts it in force on every instance within
/// 30 s, keeping every version. Role OpsAdmin; audited. 422 lists every problem; 413 over 256 KiB; 409 when the
/// version is the one in force with other content (bump the version).
/// </summary>
public sealed class RosterReplaceFunction(RosterSource rosters, HttpFunctionServices services) : HttpFunction(services)
{
    /// <summary>The largest routing file accepted.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <inheritdoc />
    public override string Name => "RosterReplace";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } = new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin };

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Body))
        {
            return HttpTriggerResponse.Problem(
                400, "Invalid body", "The body must be a routing file (JSON; format in docs/escalation.md).");
        }

        if (Encoding.UTF8.GetByteCount(request.Body) > MaxBytes)
        {
            return HttpTriggerResponse.Problem(413, "Payload too large", $"A routing file may be at most {MaxBytes / 1024} KiB.");
        }

        var (current, currentJson) = await rosters.CurrentAsync(cancellationToken);
        var parsed = Domain.Escalation.RosterParser.Parse(request.Body);
        if (parsed.Roster is { } candidate && candidate.Version == current.Version && !SameJson(currentJson, request.Body))
        {
            return HttpTriggerResponse.Problem(
                409, "Conflict", $"Version {current.Version} is in force with other content; give the new file a new version.");
        }

        var result = await rosters.ReplaceAsync(request.Body, cancellationToken);
        if (result.Roster is not { } roster)
        {
            var problem = new RosterProblem("about:blank", "Invalid routing file", 422,
                $"The routing file has {result.Errors.Count} problem(s); nothing was changed.",
                [.. result.Errors.Select(e => e.ToString())]);
            return new HttpTriggerResponse(
                422,
                JsonSerializer.Serialize(problem, RosterJsonContext.Default.RosterProblem),
                "application/problem+json; charset=utf-8");
        }

        var document = JsonNode.Parse(
            request.Body,
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return HttpTriggerResponse.Json(200, new RosterResponse(roster.Version, document), RosterJsonContext.Default.RosterResponse);
    }

    private static bool SameJson(string a, string b)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        return JsonNode.DeepEquals(JsonNode.Parse(a, documentOptions: options), JsonNode.Parse(b, documentOptions: options));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Escalation;

/// <summary>
/// <c>GET /api/roster</c>: the routing file in force (who owns what, shifts, on-call, escalation chains). Role OpsAdmin; audited.
/// </summary>
public sealed class RosterGetFunction(RosterSource rosters, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "RosterGet";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } = new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin };

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        var (roster, json) = await rosters.CurrentAsync(cancellationToken);
        var document = JsonNode.Parse(
            json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return HttpTriggerResponse.Json(200, new RosterResponse(roster.Version, document), RosterJsonContext.Default.RosterResponse);
    }
}

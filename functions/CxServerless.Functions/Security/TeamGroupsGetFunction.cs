using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Security;

/// <summary><c>GET /api/teams/groups</c>: which Entra groups map to which team, as stored now. OpsAdmin and Auditor; audited.</summary>
public sealed class TeamGroupsGetFunction(TeamGroupDirectory directory, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "TeamGroupsGet";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } =
        new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin, CxRoles.Auditor };

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        var map = await directory.ReadAsync(cancellationToken);
        return HttpTriggerResponse.Json(200, TeamGroupsReplaceFunction.Response(map), TeamGroupsJsonContext.Default.TeamGroupsResponse);
    }
}

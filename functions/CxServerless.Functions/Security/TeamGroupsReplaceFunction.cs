using System.Text;
using System.Text.Json;
using CxServerless.Domain.Access;
using CxServerless.Functions.Escalation;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Security;

/// <summary>
/// <c>PUT /api/teams/groups</c> with <c>{"groups":[{"groupId","team"}]}</c>: replaces the mapping of Entra groups to teams.
/// Role OpsAdmin; audited. Every group id must be a GUID, listed once, and every team a team of the routing file in force;
/// 422 lists every problem and changes nothing; 413 over 64 KiB; 400 when the body is not such JSON.
/// </summary>
public sealed class TeamGroupsReplaceFunction(TeamGroupDirectory directory, RosterSource rosters, HttpFunctionServices services)
    : HttpFunction(services)
{
    /// <summary>The largest body accepted.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <inheritdoc />
    public override string Name => "TeamGroupsReplace";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } = new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin };

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <summary>The answer for a mapping, ordered by team, then group id.</summary>
    internal static TeamGroupsResponse Response(IReadOnlyDictionary<string, string> map) => new(
        [.. map.Select(m => new TeamGroup(m.Key, m.Value))
            .OrderBy(g => g.Team, StringComparer.Ordinal).ThenBy(g => g.GroupId, StringComparer.Ordinal)]);

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body is { } text && Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            return HttpTriggerResponse.Problem(413, "Payload too large", $"The mapping may be at most {MaxBytes / 1024} KiB.");
        }

        TeamGroupsRequest? body;
        try
        {
            body = string.IsNullOrWhiteSpace(request.Body)
                ? null
                : JsonSerializer.Deserialize(request.Body, TeamGroupsJsonContext.Default.TeamGroupsRequest);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body?.Groups is not { } groups)
        {
            return HttpTriggerResponse.Problem(
                400, "Invalid body", """The body must be JSON {"groups":[{"groupId":"<Entra group object id>","team":"<team>"}]}.""");
        }

        var (roster, _) = await rosters.CurrentAsync(cancellationToken);
        var errors = Validate(groups, roster.HasTeam);
        if (errors.Count > 0)
        {
            var problem = new TeamGroupsProblem("about:blank", "Invalid team groups", 422,
                $"The mapping has {errors.Count} problem(s); nothing was changed.", errors);
            return new HttpTriggerResponse(
                422,
                JsonSerializer.Serialize(problem, TeamGroupsJsonContext.Default.TeamGroupsProblem),
                "application/problem+json; charset=utf-8");
        }

        var map = groups.ToDictionary(g => Guid.Parse(g.GroupId).ToString("D"), g => g.Team, StringComparer.OrdinalIgnoreCase);
        await directory.ReplaceAsync(map, cancellationToken);
        return HttpTriggerResponse.Json(200, Response(map), TeamGroupsJsonContext.Default.TeamGroupsResponse);
    }

    /// <summary>
    /// Every problem of a mapping: group ids that are not GUIDs or repeat, teams the routing file lacks, too many groups.
    /// </summary>
    internal static List<string> Validate(IReadOnlyList<TeamGroup?> groups, Func<string, bool> isTeam)
    {
        var errors = new List<string>();
        if (groups.Count > TeamGroupDirectory.MaxGroups)
        {
            errors.Add($"groups has {groups.Count} entries; at most {TeamGroupDirectory.MaxGroups} are allowed.");
            return errors;
        }

        var seen = new HashSet<Guid>();
        for (var i = 0; i < groups.Count; i++)
        {
            if (groups[i] is not { } group)
            {
                errors.Add($"groups[{i}] must be an object with groupId and team.");
                continue;
            }

            if (!Guid.TryParseExact(group.GroupId ?? string.Empty, "D", out var id))
            {
                errors.Add($"groups[{i}].groupId must be an Entra group object id (a GUID such as 00000000-0000-0000-0000-000000000000).");
            }
            else if (!seen.Add(id))
            {
                errors.Add($"groups[{i}].groupId {id:D} is listed more than once.");
            }

            if (string.IsNullOrWhiteSpace(group.Team) || !isTeam(group.Team))
            {
                errors.Add($"groups[{i}].team must be a team of the routing file in force.");
            }
        }

        return errors;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Security;

/// <summary>One Entra group and the team its members belong to.</summary>
/// <param name="GroupId">The group's object id (a GUID), as the <c>groups</c> claim carries it.</param>
/// <param name="Team">A team of the routing file in force.</param>
public sealed record TeamGroup(string GroupId, string Team);

/// <summary>The body of <c>PUT /api/teams/groups</c>: the whole mapping, which replaces the one in force.</summary>
/// <param name="Groups">Every group that maps to a team; a group not listed maps to none.</param>
public sealed record TeamGroupsRequest(IReadOnlyList<TeamGroup>? Groups);

/// <summary>The mapping in force (<c>GET</c> and <c>PUT /api/teams/groups</c>), ordered by team and group id.</summary>
/// <param name="Groups">Each group and its team.</param>
public sealed record TeamGroupsResponse(IReadOnlyList<TeamGroup> Groups);

/// <summary>Why a mapping was refused: every problem.</summary>
/// <param name="Type">The problem type.</param>
/// <param name="Title">The title.</param>
/// <param name="Status">422.</param>
/// <param name="Detail">A summary.</param>
/// <param name="Errors">Each problem, for example <c>groups[2].team 'team-x' is not a team of the routing file</c>.</param>
public sealed record TeamGroupsProblem(string Type, string Title, int Status, string Detail, IReadOnlyList<string> Errors);

/// <summary>Source-generated JSON for the team groups API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TeamGroupsRequest))]
[JsonSerializable(typeof(TeamGroupsResponse))]
[JsonSerializable(typeof(TeamGroupsProblem))]
internal sealed partial class TeamGroupsJsonContext : JsonSerializerContext;

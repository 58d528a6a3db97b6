using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Escalation;

/// <summary>The routing file in force.</summary>
/// <param name="Version">Its version.</param>
/// <param name="Roster">The file itself.</param>
public sealed record RosterResponse(string Version, JsonNode? Roster);

/// <summary>Why a routing file was refused: every problem with its JSON path.</summary>
/// <param name="Type">The problem type.</param>
/// <param name="Title">The title.</param>
/// <param name="Status">422.</param>
/// <param name="Detail">A summary.</param>
/// <param name="Errors">Each problem, for example <c>people[2].shift.start must be a time such as "08:00"</c>.</param>
public sealed record RosterProblem(string Type, string Title, int Status, string Detail, IReadOnlyList<string> Errors);

/// <summary>Source-generated JSON for the roster API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RosterResponse))]
[JsonSerializable(typeof(RosterProblem))]
internal sealed partial class RosterJsonContext : JsonSerializerContext;

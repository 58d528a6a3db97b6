using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Workflows;

/// <summary>JSON options of the workflow admin API: camelCase, enums as names, no nulls.</summary>
internal static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}

using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace CxServerless.Workflows.Hosting;

/// <summary>How workflow payloads (inputs, outputs, event data, custom status) are written to the task hub.</summary>
/// <remarks>
/// One converter serves the worker's shims and the client, so what a client sends is what an orchestrator reads.
/// It uses System.Text.Json's web defaults (camelCase names, case-insensitive reads), the conventions of the app's
/// HTTP API, so an event payload posted as JSON binds to the record an orchestrator waits for.
/// </remarks>
public static class WorkflowSerialization
{
    /// <summary>Gets the converter every part of the app uses for workflow payloads.</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}

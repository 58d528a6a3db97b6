using System.Text.Json;
using DurableTask.Core.History;

namespace CxServerless.Workflows.Tests.Support;

/// <summary>The history of an instance's current execution, as the Azure Storage provider returns it in JSON.</summary>
public sealed class WorkflowHistory
{
    private WorkflowHistory(IReadOnlyList<JsonElement> events) => Events = events;

    /// <summary>The events, oldest first; each has at least <c>EventType</c>, <c>EventId</c> and <c>Timestamp</c>.</summary>
    public IReadOnlyList<JsonElement> Events { get; }

    /// <summary>Parses the JSON of <c>AzureStorageDurableTaskClient.GetHistoryJsonAsync</c>.</summary>
    public static WorkflowHistory Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new WorkflowHistory([.. document.RootElement.EnumerateArray().Select(e => e.Clone())]);
    }

    /// <summary>The type of an event.</summary>
    public static EventType TypeOf(JsonElement e) => (EventType)e.GetProperty("EventType").GetInt32();

    /// <summary>The events of one type, oldest first.</summary>
    public IReadOnlyList<JsonElement> OfType(EventType type) => [.. Events.Where(e => TypeOf(e) == type)];

    /// <summary>How many events of one type there are.</summary>
    public int Count(EventType type) => Events.Count(e => TypeOf(e) == type);

    /// <summary>The position of the n-th (from 0) event of a type, or -1.</summary>
    public int IndexOf(EventType type, int occurrence = 0)
    {
        var seen = 0;
        for (var i = 0; i < Events.Count; i++)
        {
            if (TypeOf(Events[i]) == type && seen++ == occurrence)
            {
                return i;
            }
        }

        return -1;
    }
}

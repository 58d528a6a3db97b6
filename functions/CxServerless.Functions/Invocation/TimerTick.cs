using System.Text.Json.Nodes;

namespace CxServerless.Functions.Invocation;

/// <summary>A timer trigger invocation: <c>{"Schedule":{"AdjustForDST":bool},"ScheduleStatus":{...}|null,"IsPastDue":bool}</c>.</summary>
/// <param name="IsPastDue">True when the host ran the function later than scheduled (for example after a pause).</param>
/// <param name="Last">The previous scheduled occurrence, when the host knows it.</param>
/// <param name="Next">The next scheduled occurrence, when the host knows it.</param>
public sealed record TimerTick(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next)
{
    /// <summary>Reads the timer value bound to <paramref name="bindingName"/>, in either encoding.</summary>
    public static TimerTick? TryRead(InvocationRequest request, string bindingName, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timer = EncodedJson.ReadObject(request.Data[bindingName]);
        if (timer is null)
        {
            error = $"Data.{bindingName} is not a timer object.";
            return null;
        }

        var status = EncodedJson.ReadObject(timer["ScheduleStatus"]);
        error = null;
        return new TimerTick(
            EncodedJson.ReadBoolean(timer["IsPastDue"]) ?? false,
            ReadTime(status?["Last"]),
            ReadTime(status?["Next"]));
    }

    private static DateTimeOffset? ReadTime(JsonNode? node) =>
        EventHubBatch.ParseEnqueuedTime(EncodedJson.ReadString(node));
}

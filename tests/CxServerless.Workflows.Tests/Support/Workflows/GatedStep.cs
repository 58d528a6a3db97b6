using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>
/// Waits at the <see cref="Probe"/> gate "{instance}:{input}" (closed by the test, or open when it never was), counts
/// the run under the same key, and returns its input.
/// </summary>
[DurableTask(nameof(GatedStep))]
public sealed class GatedStep(Probe probe) : TaskActivity<string, string>
{
    public static string Key(string instanceId, string label) => $"{instanceId}:{label}";

    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = Key(context.InstanceId, input);
        await probe.PassAsync(key);
        probe.Increment(key);
        return input;
    }
}

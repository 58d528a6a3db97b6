using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>
/// Fails its first <c>input</c> attempts for an instance, then returns the attempt number; counts attempts in the
/// <see cref="Probe"/> under the instance id.
/// </summary>
[DurableTask(nameof(Flaky))]
public sealed class Flaky(Probe probe) : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var attempt = probe.Increment(context.InstanceId);
        return attempt <= input
            ? throw new InvalidOperationException($"Attempt {attempt} failed on purpose.")
            : Task.FromResult(attempt);
    }
}

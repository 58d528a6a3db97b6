using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>Returns its input reversed.</summary>
[DurableTask(nameof(Echo))]
public sealed class Echo : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(new string([.. input.Reverse()]));
}

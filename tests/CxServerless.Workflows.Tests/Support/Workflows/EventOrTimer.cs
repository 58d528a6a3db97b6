using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>
/// Waits for the "approval" event or a durable timer of <c>input</c> seconds, whichever comes first; returns
/// "event:{payload}" or "timer". Sets the custom status "waiting" before it waits.
/// </summary>
[DurableTask(nameof(EventOrTimer))]
public sealed class EventOrTimer : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var cancelTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(TimeSpan.FromSeconds(input), cancelTimer.Token);
        var approval = context.WaitForExternalEvent<string>("approval");
        context.SetCustomStatus("waiting");
        if (await Task.WhenAny(timer, approval) == approval)
        {
            // Cancel, not CancelAsync: orchestrator code must stay on the framework's thread.
            cancelTimer.Cancel();
            return "event:" + await approval;
        }

        return "timer";
    }
}

using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>
/// An escalation loop, written the plain way: for each level, notify it (<see cref="GatedStep"/> "notify-{level}"),
/// then wait for the "ack" event with a timeout. A level that times out abandons its waiter and escalates. Returns
/// one entry per level: "{level}:{payload}" or "{level}:timeout". Sets the custom status "waiting:{level}" before
/// each wait.
/// </summary>
[DurableTask(nameof(Escalation))]
public sealed class Escalation : TaskOrchestrator<EscalationInput, List<string>>
{
    public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, EscalationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var outcome = new List<string>();
        for (var level = 1; level <= input.Levels; level++)
        {
            await context.CallActivityAsync<string>(nameof(GatedStep), $"notify-{level}");
            context.SetCustomStatus($"waiting:{level}");
            var timeout = TimeSpan.FromSeconds(level == 1 ? input.FirstLevelTimeoutSeconds : input.LaterLevelTimeoutSeconds);
            try
            {
                var ack = await context.WaitForExternalEvent<string>("ack", timeout);
                outcome.Add($"{level}:{ack}");
            }
            catch (OperationCanceledException)
            {
                outcome.Add($"{level}:timeout");
            }
        }

        return outcome;
    }
}

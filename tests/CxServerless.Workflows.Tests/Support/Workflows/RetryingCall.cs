using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>Calls <see cref="Flaky"/> under a retry policy; falls back when the retries are exhausted.</summary>
[DurableTask(nameof(RetryingCall))]
public sealed class RetryingCall : TaskOrchestrator<RetryInput, RetryOutcome>
{
    public override async Task<RetryOutcome> RunAsync(TaskOrchestrationContext context, RetryInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(input.MaxAttempts, TimeSpan.FromMilliseconds(300)));
        try
        {
            var attempt = await context.CallActivityAsync<int>(nameof(Flaky), input.Failures, retry);
            return new RetryOutcome("succeeded", attempt, null, null);
        }
        catch (TaskFailedException ex)
        {
            return new RetryOutcome("fallback", 0, ex.FailureDetails.ErrorType, ex.FailureDetails.ErrorMessage);
        }
    }
}

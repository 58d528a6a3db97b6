using Microsoft.DurableTask;

namespace CxServerless.Workflows.Privacy;

/// <summary>
/// Carries out one erasure request (GDPR Article 17, CCPA deletion): checks legal holds, deletes every row that
/// refers to the customer, then writes a receipt of what went and forgets the subject.
/// </summary>
/// <remarks>
/// The input, the outputs and the custom status carry the request id and counts only: the subject (the customer's
/// pseudonym) stays in the request row, which the last step clears, so this instance's history never refers to the
/// customer and needs no purge of its own. Every step is idempotent, so a replay or a retried activity deletes
/// nothing twice. A legal hold on the customer stops the request before anything is deleted (Article 17(3)(e)).
/// </remarks>
[DurableTask(nameof(ErasureOrchestrator))]
public sealed class ErasureOrchestrator : TaskOrchestrator<ErasureInput, string>
{
    private static readonly TaskOptions Retry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(8, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(2)));

    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, ErasureInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var start = await context.CallActivityAsync<ErasureStart>(nameof(BeginErasure), input, Retry);
        if (!start.Found)
        {
            return "not found";
        }

        if (start.Held)
        {
            context.SetCustomStatus(ErasureStatuses.Held);
            await context.CallActivityAsync<bool>(
                nameof(CompleteErasure), new ErasureCompletion(input.RequestId, ErasureStatuses.Held, []), Retry);
            return ErasureStatuses.Held;
        }

        context.SetCustomStatus(ErasureStatuses.Running);
        var items = await context.CallActivityAsync<IReadOnlyList<ErasureItem>>(nameof(EraseCustomerData), input, Retry);
        await context.CallActivityAsync<bool>(
            nameof(CompleteErasure), new ErasureCompletion(input.RequestId, ErasureStatuses.Completed, items), Retry);
        context.SetCustomStatus(ErasureStatuses.Completed);
        return ErasureStatuses.Completed;
    }
}

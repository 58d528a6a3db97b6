using Microsoft.DurableTask;

namespace CxServerless.Workflows.Privacy;

/// <summary>Stores the receipt of an erasure request and forgets its subject.</summary>
[DurableTask(nameof(CompleteErasure))]
public sealed class CompleteErasure(ICustomerErasure erasure) : TaskActivity<ErasureCompletion, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, ErasureCompletion input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await erasure.CompleteAsync(input, CancellationToken.None);
        return true;
    }
}

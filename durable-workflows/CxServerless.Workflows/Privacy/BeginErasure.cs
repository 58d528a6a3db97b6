using Microsoft.DurableTask;

namespace CxServerless.Workflows.Privacy;

/// <summary>Marks an erasure request running and checks the customer's legal holds.</summary>
[DurableTask(nameof(BeginErasure))]
public sealed class BeginErasure(ICustomerErasure erasure) : TaskActivity<ErasureInput, ErasureStart>
{
    /// <inheritdoc />
    public override Task<ErasureStart> RunAsync(TaskActivityContext context, ErasureInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return erasure.BeginAsync(input.RequestId, CancellationToken.None);
    }
}

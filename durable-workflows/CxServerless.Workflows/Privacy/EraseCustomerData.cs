using Microsoft.DurableTask;

namespace CxServerless.Workflows.Privacy;

/// <summary>Deletes what the app stores about the request's subject; returns the receipt lines (counts only).</summary>
[DurableTask(nameof(EraseCustomerData))]
public sealed class EraseCustomerData(ICustomerErasure erasure) : TaskActivity<ErasureInput, IReadOnlyList<ErasureItem>>
{
    /// <inheritdoc />
    public override Task<IReadOnlyList<ErasureItem>> RunAsync(TaskActivityContext context, ErasureInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return erasure.EraseAsync(input.RequestId, CancellationToken.None);
    }
}

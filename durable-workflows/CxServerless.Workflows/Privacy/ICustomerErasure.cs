namespace CxServerless.Workflows.Privacy;

/// <summary>
/// Finds and removes what the app stores about one customer. The handler implements it over its tables; the
/// erasure activities call it with a request id and never see the subject themselves.
/// </summary>
public interface ICustomerErasure
{
    /// <summary>Marks the request running and says whether it can go ahead.</summary>
    /// <param name="requestId">The erasure request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the request exists and is open, and whether a legal hold covers the customer.</returns>
    Task<ErasureStart> BeginAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Deletes or anonymises every row that refers to the request's subject and says what went, per data class.</summary>
    /// <param name="requestId">The erasure request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One receipt line per data class. Running it again deletes nothing more and counts 0.</returns>
    Task<IReadOnlyList<ErasureItem>> EraseAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Writes the receipt, forgets the subject and records the outcome in the audit trail.</summary>
    /// <param name="completion">The final status and the receipt lines.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the receipt is stored.</returns>
    Task CompleteAsync(ErasureCompletion completion, CancellationToken cancellationToken);
}

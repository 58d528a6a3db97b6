namespace CxSim.Sending;

/// <summary>What became of one batch: how many events were accepted or given up on, after how many requests.</summary>
/// <param name="Sent">Events the service accepted (HTTP 201).</param>
/// <param name="Failed">Events given up on.</param>
/// <param name="Requests">HTTP requests made, retries included.</param>
/// <param name="LastStatus">The last HTTP status, or null after a transport error.</param>
/// <param name="Error">Why the batch failed, when it did.</param>
/// <param name="Unauthorized">Whether the service refused the credentials (401/403): sending further is pointless.</param>
public sealed record BatchOutcome(int Sent, int Failed, int Requests, int? LastStatus, string? Error, bool Unauthorized = false)
{
    /// <summary>Adds two outcomes (a split batch).</summary>
    public static BatchOutcome operator +(BatchOutcome a, BatchOutcome b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Sent + b.Sent, a.Failed + b.Failed, a.Requests + b.Requests, b.LastStatus, b.Error ?? a.Error, a.Unauthorized || b.Unauthorized);
    }

    /// <summary>Named alternative to the + operator.</summary>
    public static BatchOutcome Add(BatchOutcome a, BatchOutcome b) => a + b;
}

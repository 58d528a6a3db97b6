namespace CxSim.Sending;

/// <summary>What became of one batch: how many events were accepted or given up on, after how many requests.</summary>
/// <param name="Sent">Events the service accepted (HTTP 201).</param>
/// <param name="Failed">Events given up on.</param>
/// <param name="Requests">HTTP requests made (SDK: send attempts), retries included.</param>
/// <param name="LastStatus">The last HTTP status, or null after a transport error and on the SDK path.</param>
/// <param name="Error">Why the batch failed, when it did.</param>
/// <param name="Unauthorized">Whether the service refused the credentials (401/403): sending further is pointless.</param>
/// <param name="FailedPositions">
/// When a batch was only partly accepted (a halved batch whose halves fared differently), the positions in the batch
/// of the events that failed; null when all or none were accepted.
/// </param>
/// <param name="Retried">
/// Requests that repeated a failed one; null means every request after the first (the REST path, where the halves of a
/// split batch count too). The SDK path sets it, because it sends one batch as several SDK batches.
/// </param>
public sealed record BatchOutcome(
    int Sent,
    int Failed,
    int Requests,
    int? LastStatus,
    string? Error,
    bool Unauthorized = false,
    IReadOnlyList<int>? FailedPositions = null,
    int? Retried = null)
{
    /// <summary>Requests that repeated an earlier one (see <see cref="Retried"/>).</summary>
    public int Retries => Retried ?? Math.Max(0, Requests - 1);

    /// <summary>Whether the event at <paramref name="position"/> in the batch was accepted.</summary>
    public bool WasSent(int position) =>
        Failed == 0 || (Sent > 0 && FailedPositions is { } failed && !failed.Contains(position));

    /// <summary>The outcome of a batch sent as two halves, the first <paramref name="firstCount"/> events long.</summary>
    public static BatchOutcome Combine(BatchOutcome first, int firstCount, BatchOutcome second, int secondCount)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var sent = first.Sent + second.Sent;
        var failed = first.Failed + second.Failed;
        IReadOnlyList<int>? positions = sent > 0 && failed > 0
            ? [.. Failures(first, firstCount), .. Failures(second, secondCount).Select(p => p + firstCount)]
            : null;
        return new BatchOutcome(sent, failed, first.Requests + second.Requests, second.LastStatus, second.Error ?? first.Error,
            first.Unauthorized || second.Unauthorized, positions);
    }

    private static IEnumerable<int> Failures(BatchOutcome outcome, int count) =>
        Enumerable.Range(0, count).Where(p => !outcome.WasSent(p));
}

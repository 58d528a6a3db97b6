namespace CxSim.Sending;

/// <summary>
/// What became of each event of one batch on the SDK path, which sends a batch as several SDK batches (one or more
/// per partition key); it becomes the batch's <see cref="BatchOutcome"/>.
/// </summary>
internal sealed class SdkSendTally(int count)
{
    // Per position: true = accepted, false = failed, null = not settled yet.
    private readonly bool?[] _accepted = new bool?[count];
    private string? _error;
    private bool _unauthorized;

    /// <summary>Send attempts, and failed attempts to create a batch (which open the link to the service).</summary>
    public int Requests { get; set; }

    /// <summary>Attempts that repeated a failed one.</summary>
    public int Retries { get; set; }

    /// <summary>Whether a failure ended the batch: the events not yet attempted fail without an attempt.</summary>
    public bool GaveUp { get; private set; }

    /// <summary>Events accepted so far.</summary>
    public int Sent => _accepted.Count(a => a == true);

    public void Succeed(IEnumerable<int> positions)
    {
        foreach (var position in positions)
        {
            _accepted[position] = true;
        }
    }

    /// <summary>Fails events; <paramref name="reason"/> becomes the batch's error unless there is one already.</summary>
    public void Fail(IEnumerable<int> positions, string? reason)
    {
        foreach (var position in positions)
        {
            _accepted[position] = false;
        }

        _error ??= reason;
    }

    /// <summary>Records why something failed, without failing events (the caller fails them).</summary>
    public void Note(string reason) => _error ??= reason;

    public void GiveUp(string reason, bool unauthorized)
    {
        GaveUp = true;
        _error ??= reason;
        _unauthorized |= unauthorized;
    }

    /// <summary>Fails every event not settled yet.</summary>
    public void FailUnsettled(string reason) =>
        Fail([.. Enumerable.Range(0, _accepted.Length).Where(p => _accepted[p] is null)], reason);

    public BatchOutcome ToOutcome()
    {
        if (Array.IndexOf(_accepted, null) is var open and >= 0)
        {
            throw new InvalidOperationException($"The event at position {open} of the batch was neither sent nor failed.");
        }

        var failed = Enumerable.Range(0, _accepted.Length).Where(p => _accepted[p] == false).ToList();
        var sent = _accepted.Length - failed.Count;
        return new BatchOutcome(sent, failed.Count, Requests, null, failed.Count > 0 ? _error : null, _unauthorized,
            sent > 0 && failed.Count > 0 ? failed : null, Retries);
    }
}

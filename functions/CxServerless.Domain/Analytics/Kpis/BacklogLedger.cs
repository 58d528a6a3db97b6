using CxServerless.Domain.Events;

namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>
/// The open cases of one source partition, for the aged backlog (the plain backlog level also comes from the
/// <see cref="KpiId.Backlog"/> gauge buckets). A case is the conversation id of its case events; events are keyed by
/// conversation, so a case lives in one partition and the snapshots of all partitions add up. A case counts as open
/// from its latest open or reopen until it is resolved; a resolve that arrives before its open (out of order) wins
/// over that older open. The memory of resolved cases is bounded: <see cref="ForgetResolvedBefore"/> (called with the
/// watermark, before which no open can be accepted any more) forgets in resolve order, and at most
/// <see cref="MaxResolved"/> are kept in any case. Not thread-safe.
/// </summary>
public sealed class BacklogLedger(int maxResolved = BacklogLedger.DefaultMaxResolved)
{
    /// <summary>The default bound of <see cref="MaxResolved"/>.</summary>
    public const int DefaultMaxResolved = 100_000;

    private readonly Dictionary<string, DateTimeOffset> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _resolved = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset ResolvedAt)> _resolvedOrder = new();

    /// <summary>The most resolved cases remembered.</summary>
    public int MaxResolved { get; } = maxResolved > 0 ? maxResolved : throw new ArgumentOutOfRangeException(nameof(maxResolved));

    /// <summary>How many resolved cases are remembered now.</summary>
    public int ResolvedCount => _resolved.Count;

    /// <summary>Applies a case event; other events are ignored.</summary>
    public void Apply(CxEvent cxEvent)
    {
        ArgumentNullException.ThrowIfNull(cxEvent);
        var id = cxEvent.ConversationId;
        switch (cxEvent.Type)
        {
            case CxEventType.CaseOpened or CxEventType.CaseReopened:
                if (!_resolved.TryGetValue(id, out var resolvedAt) || cxEvent.EventTime > resolvedAt)
                {
                    _open[id] = cxEvent.EventTime;
                    _resolved.Remove(id);
                }

                break;
            case CxEventType.CaseResolved:
                if (!_open.TryGetValue(id, out var openedAt) || openedAt < cxEvent.EventTime)
                {
                    _open.Remove(id);
                    _resolved[id] = cxEvent.EventTime;
                    _resolvedOrder.Enqueue((id, cxEvent.EventTime));
                    while (_resolved.Count > MaxResolved && _resolvedOrder.TryDequeue(out var oldest))
                    {
                        Forget(oldest);
                    }
                }

                break;
            default:
                break;
        }
    }

    /// <summary>
    /// The backlog at <paramref name="at"/>, counting cases opened before <paramref name="at"/> − <paramref name="agedAge"/> as aged.
    /// </summary>
    public BacklogSnapshot Snapshot(DateTimeOffset at, TimeSpan agedAge)
    {
        var open = _open.Values.Where(openedAt => openedAt <= at).ToArray();
        return new BacklogSnapshot(
            at,
            open.Length,
            open.Count(openedAt => openedAt <= at - agedAge),
            open.Length == 0 ? null : open.Min());
    }

    /// <summary>Forgets resolved cases resolved before <paramref name="before"/> (older than any event still accepted).</summary>
    public void ForgetResolvedBefore(DateTimeOffset before)
    {
        // Resolves mostly arrive in time order, so this pops from the front: amortised O(1) per resolve.
        while (_resolvedOrder.TryPeek(out var oldest) && oldest.ResolvedAt < before)
        {
            Forget(_resolvedOrder.Dequeue());
        }
    }

    private void Forget((string Id, DateTimeOffset ResolvedAt) entry)
    {
        // A later resolve of the same case re-queued it; only the entry that matches the current value forgets it.
        if (_resolved.TryGetValue(entry.Id, out var at) && at == entry.ResolvedAt)
        {
            _resolved.Remove(entry.Id);
        }
    }
}

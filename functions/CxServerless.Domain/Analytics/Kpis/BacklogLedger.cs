using CxServerless.Domain.Events;

namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>
/// The open cases of one source partition, for the aged backlog (the plain backlog level also comes from the
/// <see cref="KpiId.Backlog"/> gauge buckets). A case is the conversation id of its case events; events are keyed by
/// conversation, so a case lives in one partition and the snapshots of all partitions add up. A case counts as open
/// from its latest open or reopen until it is resolved; a resolve that arrives before its open (out of order) wins
/// over that older open. Not thread-safe.
/// </summary>
public sealed class BacklogLedger
{
    private readonly Dictionary<string, DateTimeOffset> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _resolved = new(StringComparer.Ordinal);

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
        foreach (var id in _resolved.Where(r => r.Value < before).Select(r => r.Key).ToArray())
        {
            _resolved.Remove(id);
        }
    }
}

using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion;

/// <summary>
/// Remembers the channel of recent cases and contacts (source + conversation id → channel), so that an event that does
/// not carry its channel (a Salesforce case update that leaves <c>Origin</c> unchanged, Zendesk ticket metrics) takes it
/// from an earlier event of the same case. Bounded: at most <see cref="Capacity"/> entries; when full, the oldest
/// half (by insertion) is forgotten. Memory of this process only: events of one case share a partition key, so they
/// reach the same instance. Thread-safe.
/// </summary>
public sealed class CaseChannelMap(int capacity = 100_000)
{
    private readonly Dictionary<(string Source, string Conversation), CxChannel> _channels = new();
    private readonly Queue<(string Source, string Conversation)> _order = new();
    private readonly Lock _lock = new();

    /// <summary>The most entries kept.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>How many entries are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _channels.Count;
            }
        }
    }

    /// <summary>Records the channel of a case or contact (an unknown channel is not recorded).</summary>
    public void Remember(string source, string conversationId, CxChannel channel)
    {
        if (channel == CxChannel.Unknown)
        {
            return;
        }

        var key = (source, conversationId);
        lock (_lock)
        {
            if (_channels.TryGetValue(key, out var known))
            {
                if (known != channel)
                {
                    _channels[key] = channel;
                }

                return;
            }

            if (_channels.Count >= Capacity)
            {
                for (var i = Capacity / 2; i > 0 && _order.TryDequeue(out var old); i--)
                {
                    _channels.Remove(old);
                }
            }

            _channels[key] = channel;
            _order.Enqueue(key);
        }
    }

    /// <summary>The channel last recorded for the case or contact, or null.</summary>
    public CxChannel? Find(string source, string conversationId)
    {
        lock (_lock)
        {
            return _channels.TryGetValue((source, conversationId), out var channel) ? channel : null;
        }
    }
}

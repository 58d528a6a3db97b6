using CxServerless.Domain.Analytics.Slices;
using CxSim.Generation;

namespace CxSim.Detection;

/// <summary>
/// The combinations of channel, queue (with its team) and region a scenario's contacts can have. A slice, of the
/// analytics core or of an incident label, is the set of combinations it matches, so containment and overlap are
/// decided by the traffic itself: with one team per queue, <c>team=team-billing</c> and <c>queue=billing</c> hold the
/// same contacts, and each contains the other.
/// </summary>
public sealed class TrafficCells
{
    private readonly IReadOnlyList<Cell> _cells;

    /// <summary>The cells of <paramref name="scenario"/>.</summary>
    public TrafficCells(SimulationScenario scenario)
        : this(
            scenario?.Channels.Select(c => c.Channel) ?? throw new ArgumentNullException(nameof(scenario)),
            scenario.Queues,
            scenario.Regions)
    {
    }

    /// <summary>
    /// The cells of every combination of <paramref name="channels"/>, <paramref name="queues"/> (with their team) and
    /// <paramref name="regions"/>.
    /// </summary>
    public TrafficCells(
        IEnumerable<CxServerless.Domain.Events.CxChannel> channels, IEnumerable<QueueDefinition> queues, IEnumerable<string> regions)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(regions);
        _cells = [.. from channel in channels
                     from queue in queues
                     from region in regions
                     select new Cell(channel.ToString(), queue.Name, queue.Team, region)];
    }

    /// <summary>True when every contact of the incident's slice is also in <paramref name="slice"/>.</summary>
    public bool Contains(Slice slice, IReadOnlyDictionary<string, string> incidentSlice)
    {
        ArgumentNullException.ThrowIfNull(incidentSlice);
        return _cells.Where(c => c.Matches(incidentSlice)).All(c => c.Matches(slice));
    }

    /// <summary>True when some contact is in both <paramref name="slice"/> and the incident's slice.</summary>
    public bool Overlaps(Slice slice, IReadOnlyDictionary<string, string> incidentSlice)
    {
        ArgumentNullException.ThrowIfNull(incidentSlice);
        return _cells.Any(c => c.Matches(incidentSlice) && c.Matches(slice));
    }

    private sealed record Cell(string Channel, string Queue, string Team, string Region)
    {
        public bool Matches(Slice slice) => slice.Dimension switch
        {
            SliceDimension.All => true,
            SliceDimension.Channel => Same(Channel, slice.Value),
            SliceDimension.Queue => Same(Queue, slice.Value),
            SliceDimension.Team => Same(Team, slice.Value),
            SliceDimension.Region => Same(Region, slice.Value),
            _ => false,
        };

        public bool Matches(IReadOnlyDictionary<string, string> dimensions) => dimensions.All(d => d.Key switch
        {
            "channel" => Same(Channel, d.Value),
            "queue" => Same(Queue, d.Value),
            "team" => Same(Team, d.Value),
            "region" => Same(Region, d.Value),
            _ => false,
        });

        private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}

namespace CxServerless.Domain.Analytics.Detection;

/// <summary>
/// An EWMA mean and variance per hour of the week (168 cells, by the UTC hour in which the window ends), plus one
/// cell over all hours, used until an hour's own cell has enough history, some of it from an earlier week. A window
/// is judged by its z-score against its cell, then folded into it once windows
/// <see cref="EwmaBaselineOptions.ReferenceLag"/> later are judged, so the baseline never shares data with the window
/// it judges; the variance is learned from the same deviations z is computed from. The baseline follows the data, so
/// it absorbs slow drift by design.
/// </summary>
public sealed class EwmaBaselineDetector : IKpiDetector
{
    /// <summary>The number of cells in <see cref="State"/>: one per hour of the week, then the all-hours cell.</summary>
    public const int CellCount = (7 * 24) + 1;

    private const string Kind = "usual level for this hour of the week";
    private readonly EwmaBaselineOptions _options;
    private readonly EwmaCell[] _cells;
    private readonly Queue<EwmaPendingWindow> _pending;

    /// <summary>
    /// Creates the detector, from saved <paramref name="state"/> (<see cref="CellCount"/> cells) and
    /// <paramref name="pending"/> windows (judged, not yet learned) when given.
    /// </summary>
    public EwmaBaselineDetector(
        EwmaBaselineOptions options, IReadOnlyList<EwmaCell>? state = null, IEnumerable<EwmaPendingWindow>? pending = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (state is not null && state.Count != CellCount)
        {
            throw new ArgumentException($"The saved state must have {CellCount} cells.", nameof(state));
        }

        _cells = state?.ToArray() ?? new EwmaCell[CellCount];
        _pending = new Queue<EwmaPendingWindow>(pending ?? []);
    }

    /// <inheritdoc />
    public string Name => "ewma";

    /// <inheritdoc />
    public bool IsLearning => _cells[CellCount - 1].Count < _options.MinHistory;

    /// <summary>The learned cells, to save and restore.</summary>
    public IReadOnlyList<EwmaCell> State => [.. _cells];

    /// <summary>Windows judged but not learned yet (they overlap the next windows), oldest first; saved with <see cref="State"/>.</summary>
    public IReadOnlyList<EwmaPendingWindow> Pending => [.. _pending];

    /// <summary>
    /// The cell index of a window ending at <paramref name="end"/>:
    /// the hour of the week (UTC, Sunday 00:00 = 0) of the last instant inside it.
    /// </summary>
    public static int HourOfWeek(DateTimeOffset end)
    {
        var inside = end.UtcDateTime.AddTicks(-1);
        return ((int)inside.DayOfWeek * 24) + inside.Hour;
    }

    /// <inheritdoc />
    public DetectorVerdict Evaluate(WindowPoint point)
    {
        var o = _options;
        if (point.SampleCount < o.MinSamples)
        {
            return DetectorVerdict.Insufficient(Name, point.Value, o.Severity, Kind);
        }

        while (_pending.TryPeek(out var oldest) && oldest.Point.End <= point.End - o.ReferenceLag)
        {
            Learn(_pending.Dequeue());
        }

        var hour = HourOfWeek(point.End);
        var reference = IsReady(_cells[hour], point.End) ? _cells[hour]
            : _cells[CellCount - 1].Count >= o.MinHistory ? _cells[CellCount - 1]
            : (EwmaCell?)null;
        var verdict = reference is { } cell ? Judge(point, cell) : DetectorVerdict.Insufficient(Name, point.Value, o.Severity, Kind);
        var pending = new EwmaPendingWindow(point, Deviation(_cells[hour], point.Value), Deviation(_cells[CellCount - 1], point.Value));
        if (o.ReferenceLag > TimeSpan.Zero)
        {
            _pending.Enqueue(pending);
        }
        else
        {
            Learn(pending);
        }

        return verdict;
    }

    private static double? Deviation(EwmaCell cell, double value) => cell.Count == 0 ? null : value - cell.Mean;

    /// <summary>
    /// An hour's cell speaks for its hour once it holds enough windows and some of them come from an earlier week: a
    /// cell filled within the same hour holds a few minutes of strongly overlapping windows, too few to know the spread.
    /// </summary>
    private bool IsReady(EwmaCell cell, DateTimeOffset end) =>
        cell.Count >= _options.MinHistory && (cell.Since is not { } since || end - since > TimeSpan.FromHours(1));

    private void Learn(EwmaPendingWindow pending)
    {
        var (point, hourDeviation, allHoursDeviation) = pending;
        var hour = HourOfWeek(point.End);
        _cells[hour] = _cells[hour].Update(point.Value, _options.Alpha, hourDeviation, point.End);
        _cells[CellCount - 1] = _cells[CellCount - 1].Update(point.Value, _options.Alpha, allHoursDeviation, point.End);
    }

    private DetectorVerdict Judge(WindowPoint point, EwmaCell cell)
    {
        var o = _options;
        var value = point.Value;
        var noise = o.BreachZ > 0 ? SamplingError.Margin(o.NoiseZ, point, cell.Mean) / o.BreachZ : 0;
        var deviation = Math.Max(Math.Max(Math.Sqrt(cell.Variance), o.MinStdDev), noise);
        var z = (value - cell.Mean) / deviation;
        var direction = z > 0 ? BreachDirection.Above : z < 0 ? BreachDirection.Below : BreachDirection.None;
        var distance = Hysteresis.Watches(o.Direction, direction) ? Math.Abs(z) : 0;
        var level = Hysteresis.Level(distance, o.BreachZ, o.ClearZ);
        return new DetectorVerdict(
            Name,
            level,
            direction,
            value,
            cell.Mean,
            cell.Mean - (o.BreachZ * deviation),
            cell.Mean + (o.BreachZ * deviation),
            o.Severity,
            Kind);
    }
}

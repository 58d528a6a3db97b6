namespace CxServerless.Domain.Analytics.Detection;

/// <summary>The last <c>capacity</c> values of a series, oldest first.</summary>
internal sealed class RollingHistory
{
    private readonly Queue<double> _values;
    private readonly int _capacity;

    public RollingHistory(int capacity, IEnumerable<double>? initial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _values = new Queue<double>(capacity);
        foreach (var value in initial ?? [])
        {
            Add(value);
        }
    }

    public int Count => _values.Count;

    public double[] ToArray() => [.. _values];

    public void Add(double value)
    {
        if (_values.Count == _capacity)
        {
            _values.Dequeue();
        }

        _values.Enqueue(value);
    }
}

namespace CxServerless.Benchmarks.Durable;

/// <summary>Azurite's raw rate for a mix of operations, with the given number of callers at once.</summary>
/// <param name="OperationsPerSecond">Transactions per second, all kinds together.</param>
/// <param name="Mix">Each primitive operation and how many of it one cycle makes.</param>
/// <param name="Callers">Callers at once, each running cycles back to back.</param>
/// <param name="Window">How long it was measured.</param>
/// <param name="StalledSeconds">Seconds of the window in which Azurite completed no operation at all.</param>
internal sealed record CeilingResult(
    double OperationsPerSecond, IReadOnlyDictionary<string, int> Mix, int Callers, TimeSpan Window, int StalledSeconds)
{
    /// <summary>The rate over the seconds in which Azurite answered.</summary>
    public double OperationsPerSecondExcludingStalls =>
        OperationsPerSecond * Window.TotalSeconds / Math.Max(1, Window.TotalSeconds - StalledSeconds);

    public int OperationsPerCycle => Mix.Values.Sum();

    public string Describe() => string.Join(", ", Mix.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {kv.Key}"));
}

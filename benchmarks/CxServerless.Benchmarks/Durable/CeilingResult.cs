namespace CxServerless.Benchmarks.Durable;

/// <summary>Azurite's raw rate for a mix of operations, with the given number of callers at once.</summary>
/// <param name="OperationsPerSecond">Transactions per second, all kinds together.</param>
/// <param name="Mix">Each primitive operation and how many of it one cycle makes.</param>
/// <param name="Callers">Callers at once, each running cycles back to back.</param>
internal sealed record CeilingResult(double OperationsPerSecond, IReadOnlyDictionary<string, int> Mix, int Callers)
{
    public int OperationsPerCycle => Mix.Values.Sum();

    public string Describe() => string.Join(", ", Mix.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {kv.Key}"));
}

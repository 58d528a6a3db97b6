using System.Collections.Concurrent;

namespace CxServerless.Durable.Tests.Support;

/// <summary>Counts activity executions and other side effects a test asserts on.</summary>
internal sealed class Probe
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Increment(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public int Count(string key) => _counts.GetValueOrDefault(key);

    /// <summary>Which version of the evolving orchestrator's code is deployed.</summary>
    public int Version { get; set; } = 1;
}

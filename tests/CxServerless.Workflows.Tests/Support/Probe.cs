using System.Collections.Concurrent;

namespace CxServerless.Workflows.Tests.Support;

/// <summary>
/// What test activities tell the test: how often each ran (by key), and gates that hold an activity until the test
/// opens them. Registered as a singleton through the harness's services callback; activities get it by injection.
/// </summary>
public sealed class Probe
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);

    /// <summary>Counts one more run under a key and returns the count, this one included.</summary>
    public int Increment(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>How many runs were counted under a key.</summary>
    public int Count(string key) => _counts.GetValueOrDefault(key);

    /// <summary>Closes the gate of a key: activities that pass it wait until it is opened.</summary>
    public void Close(string key) => _gates.TryAdd(key, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Opens the gate of a key.</summary>
    public void Open(string key) => _gates.GetOrAdd(key, _ => new TaskCompletionSource()).TrySetResult();

    /// <summary>Waits until the gate of a key is open; passes at once when it was never closed.</summary>
    public Task PassAsync(string key) => _gates.TryGetValue(key, out var gate) ? gate.Task : Task.CompletedTask;
}

using System.Collections.Concurrent;
using CxServerless.Durable.Engine;

namespace CxServerless.Durable.Tests.Support;

/// <summary>Simulates a crash at one persistence boundary: every other time the boundary is reached for an instance.</summary>
internal sealed class CrashInjector(FaultPoint point, Func<string, bool>? always = null) : IEngineFaults
{
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private int _crashes;

    public int Crashes => _crashes;

    public void At(FaultPoint reached, string instanceId)
    {
        if (always?.Invoke(instanceId) == true && reached == point)
        {
            Interlocked.Increment(ref _crashes);
            throw new SimulatedCrashException(reached);
        }

        if (reached == point && always is null && _hits.AddOrUpdate(instanceId, 1, (_, n) => n + 1) % 2 == 1)
        {
            Interlocked.Increment(ref _crashes);
            throw new SimulatedCrashException(reached);
        }
    }
}

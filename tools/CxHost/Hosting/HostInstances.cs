namespace CxHost.Hosting;

/// <summary>
/// The running instances. HTTP requests go to them in turn (round-robin, skipping killed ones), as the front end spreads
/// requests over a scaled-out function app.
/// </summary>
public sealed class HostInstances(IReadOnlyList<HostInstance> all)
{
    private int _next = -1;

    /// <summary>Every instance, killed ones included, by index.</summary>
    public IReadOnlyList<HostInstance> All => all;

    /// <summary>The next live instance in turn; the first one when none is alive (its invocations then fail).</summary>
    public HostInstance Next()
    {
        for (var attempt = 0; attempt < all.Count; attempt++)
        {
            var candidate = all[(int)((uint)Interlocked.Increment(ref _next) % (uint)all.Count)];
            if (candidate.IsAlive)
            {
                return candidate;
            }
        }

        return all[0];
    }
}

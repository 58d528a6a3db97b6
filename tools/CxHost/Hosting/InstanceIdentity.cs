namespace CxHost.Hosting;

/// <summary>
/// Who an instance is to its peers: its index in this cx-host and the owner id it writes into partition ownership
/// records and timer locks. <see cref="Abandoned"/> marks an instance that died abruptly: its listeners then stop
/// without giving anything back, so peers take over only when its records expire, as after a crash in Azure.
/// </summary>
public sealed class InstanceIdentity(int index)
{
    private volatile bool _abandoned;

    /// <summary>The instance's position, 0-based.</summary>
    public int Index { get; } = index;

    /// <summary>A unique owner id for this run of the instance, e.g. <c>cxhost-1-3f2a9c01</c>.</summary>
    public string OwnerId { get; } = $"cxhost-{index}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>True once the instance was killed; nothing it held is released.</summary>
    public bool Abandoned => _abandoned;

    /// <summary>Marks the instance as killed.</summary>
    public void Abandon() => _abandoned = true;
}

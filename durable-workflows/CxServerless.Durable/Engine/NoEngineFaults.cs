namespace CxServerless.Durable.Engine;

/// <summary>The production implementation: no faults.</summary>
internal sealed class NoEngineFaults : IEngineFaults
{
    public static NoEngineFaults Instance { get; } = new();

    public void At(FaultPoint point, string instanceId)
    {
    }
}

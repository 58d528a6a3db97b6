namespace CxServerless.Durable.Engine;

/// <summary>A test seam: called at each persistence boundary; an implementation may throw to simulate a crash there.</summary>
internal interface IEngineFaults
{
    void At(FaultPoint point, string instanceId);
}

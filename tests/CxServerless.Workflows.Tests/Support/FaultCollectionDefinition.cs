using CxServerless.Testing;

namespace CxServerless.Workflows.Tests.Support;

/// <summary>
/// The fault and multi-process tests: one collection, so they never run at the same time as each other (they kill
/// processes, stop storage and load the machine), though they run beside the scenarios.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultCollectionDefinition : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "AzuriteFaults";
}

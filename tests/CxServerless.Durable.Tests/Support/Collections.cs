using CxServerless.Testing;

namespace CxServerless.Durable.Tests.Support;

[CollectionDefinition(AzuriteTests.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;

/// <summary>A second collection on the same Azurite, so the slow fault-injection tests run beside the scenarios.</summary>
[CollectionDefinition(Name)]
public sealed class FaultCollectionDefinition : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "AzuriteFaults";
}

/// <summary>A third collection for the multi-process test.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollectionDefinition : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "AzuriteProcesses";
}

using CxServerless.Testing;

namespace CxServerless.Workflows.Tests.Support;

/// <summary>One Azurite for every workflow test in the run.</summary>
[CollectionDefinition(AzuriteTests.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;

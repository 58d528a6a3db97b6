using CxServerless.Testing;

namespace CxServerless.Fault.Tests;

[CollectionDefinition(AzuriteTests.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;

using CxServerless.Testing;

namespace CxHost.Tests;

[CollectionDefinition(AzuriteTests.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;

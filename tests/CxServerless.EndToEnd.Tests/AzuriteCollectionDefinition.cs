using CxServerless.Testing;

namespace CxServerless.EndToEnd.Tests;

[CollectionDefinition(AzuriteTests.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;

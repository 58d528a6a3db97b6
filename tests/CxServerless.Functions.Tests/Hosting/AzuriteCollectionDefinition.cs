using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Hosting;

[CollectionDefinition(AzuriteTests.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;

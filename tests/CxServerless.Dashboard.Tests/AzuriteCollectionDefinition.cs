using CxServerless.Testing;

namespace CxServerless.Dashboard.Tests;

[CollectionDefinition(AzuriteTests.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>, ICollectionFixture<DashboardApp>;

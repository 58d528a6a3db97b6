using CxHost.Timers;
using CxServerless.Testing;

namespace CxHost.Tests.Timers;

[Collection(AzuriteTests.Name)]
public sealed class TimerSingletonLockTests(AzuriteFixture azurite)
{
    [Fact]
    public void The_lock_blob_is_where_the_host_puts_a_timer_listener_lock()
    {
        Assert.Equal("locks/myapp/Host.Functions.EvaluateAlerts.Listener", TimerSingletonLock.BlobName("myapp", "EvaluateAlerts"));
    }

    [Fact]
    public async Task One_owner_holds_the_lock_until_it_releases_it()
    {
        var host = AzuriteFixture.UniqueName("host");
        var period = TimeSpan.FromSeconds(15);
        var a = new TimerSingletonLock(azurite.Blobs, host, "Tick", "a", period);
        var b = new TimerSingletonLock(azurite.Blobs, host, "Tick", "b", period);
        var container = azurite.Blobs.GetBlobContainerClient(TimerStatusStore.ContainerName);
        try
        {
            Assert.True(await a.TryAcquireAsync(CancellationToken.None));
            Assert.False(await b.TryAcquireAsync(CancellationToken.None));
            Assert.True(await a.RenewAsync(CancellationToken.None));
            var properties = await container.GetBlobClient(TimerSingletonLock.BlobName(host, "Tick")).GetPropertiesAsync();
            Assert.Equal("a", properties.Value.Metadata["FunctionInstance"]);

            await a.ReleaseAsync(CancellationToken.None);
            Assert.True(await b.TryAcquireAsync(CancellationToken.None));
            Assert.False(await a.RenewAsync(CancellationToken.None));
        }
        finally
        {
            var blob = container.GetBlobClient(TimerSingletonLock.BlobName(host, "Tick"));
            await Azure.Storage.Blobs.Specialized.SpecializedBlobExtensions.GetBlobLeaseClient(blob).BreakAsync(TimeSpan.Zero);
            await blob.DeleteIfExistsAsync();
        }
    }
}

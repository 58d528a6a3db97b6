using CxHost.Storage;

namespace CxHost.Tests.Storage;

public sealed class StorageFailureTests
{
    [Fact]
    public void The_sdks_retry_aggregate_of_a_refused_connection_and_a_timed_out_try_is_transient()
    {
        // What the Azure SDK threw in a soak when Azurite reset a connection and the next try timed out.
        var aggregate = new AggregateException(
            new Azure.RequestFailedException("An error occurred while sending the request."), new TaskCanceledException());

        Assert.True(StorageFailure.IsTransient(aggregate));
    }

    [Fact]
    public void A_cancellation_on_its_own_is_the_callers_and_not_a_storage_failure()
    {
        Assert.False(StorageFailure.IsTransient(new OperationCanceledException()));
        Assert.False(StorageFailure.IsTransient(new AggregateException(new TaskCanceledException(), new ArgumentException("bug"))));
        Assert.False(StorageFailure.IsTransient(new AggregateException()));
    }
}

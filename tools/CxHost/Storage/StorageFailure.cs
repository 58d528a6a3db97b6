namespace CxHost.Storage;

/// <summary>
/// Which exceptions mean "storage (or the network to it) failed, try again later" to cx-host's listeners. Besides
/// <see cref="Azure.RequestFailedException"/>, the Azure SDK throws an <see cref="AggregateException"/> of them when
/// every retry of a request failed to connect (Azurite stopped, for example); missing that one once stopped a listener
/// for good, which the storage-outage fault test found. Inside that aggregate a <see cref="OperationCanceledException"/>
/// is one try's network timeout (the SDK's own), so it counts as transient there; on its own it means the caller's
/// token was cancelled, which is not a storage failure.
/// </summary>
public static class StorageFailure
{
    /// <summary>True for a failure a listener should log and retry after.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        Azure.RequestFailedException or HttpRequestException or IOException or TimeoutException or InvalidOperationException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0
            && aggregate.InnerExceptions.All(inner => IsTransient(inner) || inner is OperationCanceledException),
        _ => false,
    };
}

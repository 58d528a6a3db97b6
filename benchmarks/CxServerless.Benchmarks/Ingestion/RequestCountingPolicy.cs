using Azure.Core;
using Azure.Core.Pipeline;

namespace CxServerless.Benchmarks.Ingestion;

/// <summary>Counts every HTTP request the Azure SDK sends (each retry too): one request is one billed storage transaction.</summary>
public sealed class RequestCountingPolicy : HttpPipelineSynchronousPolicy
{
    private long _requests;

    /// <summary>Requests sent so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _requests);
}

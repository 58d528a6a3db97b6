using Azure.Core;
using Azure.Core.Pipeline;

namespace CxServerless.Durable.Tests.Support;

/// <summary>Sends every queue message twice, so every message is delivered (at least) twice.</summary>
internal sealed class DuplicateSendPolicy : HttpPipelinePolicy
{
    private int _duplicates;

    public int Duplicates => _duplicates;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The engine is async.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal) && message.Response.Status == 201)
        {
            Interlocked.Increment(ref _duplicates);
            await ProcessNextAsync(message, pipeline);
        }
    }
}

using Azure.Core;
using Azure.Core.Pipeline;

namespace CxServerless.Durable.Tests.Support;

/// <summary>Records the size of every queue message sent, to check Azure's 64 KiB message limit is kept.</summary>
internal sealed class MessageSizePolicy : HttpPipelinePolicy
{
    private long _largest;
    private int _sent;

    public long LargestRequestBytes => Interlocked.Read(ref _largest);

    public int Sent => _sent;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The engine is async.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal)
            && message.Request.Content is { } content && content.TryComputeLength(out var length))
        {
            Interlocked.Increment(ref _sent);
            long current;
            do
            {
                current = Interlocked.Read(ref _largest);
            }
            while (length > current && Interlocked.CompareExchange(ref _largest, length, current) != current);
        }

        await ProcessNextAsync(message, pipeline);
    }
}

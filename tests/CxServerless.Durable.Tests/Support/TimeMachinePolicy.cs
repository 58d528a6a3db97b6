using System.Collections.Concurrent;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Durable.Tests.Support;

/// <summary>
/// Makes delayed queue messages visible at once and moves the fake clock forward by their delay instead, recording each
/// delay: a timer's hops can then be observed under a fake clock although Azurite runs on real time.
/// </summary>
internal sealed class TimeMachinePolicy(FakeTimeProvider clock) : HttpPipelinePolicy
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The engine is async.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var uri = message.Request.Uri.ToUri();
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        if (message.Request.Method == RequestMethod.Post && query["visibilitytimeout"] is { } seconds && int.Parse(seconds, CultureInfo.InvariantCulture) > 0)
        {
            var delay = TimeSpan.FromSeconds(int.Parse(seconds, CultureInfo.InvariantCulture));
            Delays.Enqueue(delay);
            clock.Advance(delay);
            query.Remove("visibilitytimeout");
            message.Request.Uri.Reset(new UriBuilder(uri) { Query = query.ToString() }.Uri);
        }

        await ProcessNextAsync(message, pipeline);
    }
}

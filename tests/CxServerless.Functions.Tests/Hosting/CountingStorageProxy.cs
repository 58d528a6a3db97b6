using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CxServerless.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CxServerless.Functions.Tests.Hosting;

/// <summary>
/// A reverse proxy in front of Azurite's table service that counts every request passing through, so that a test can
/// see how often code under test reads storage without trusting that code's own counters.
/// </summary>
internal sealed class CountingStorageProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders =
        new(StringComparer.OrdinalIgnoreCase) { "Host", "Transfer-Encoding", "Connection", "Content-Length" };

    private readonly WebApplication _app;
    private readonly HttpClient _forward = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly Uri _target;
    private long _requests;

    private CountingStorageProxy(string azuriteConnectionString)
    {
        _target = new TableServiceClient(azuriteConnectionString).Uri;
        Port = AzuriteFixture.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.Run(ForwardAsync);
        var blob = new BlobServiceClient(azuriteConnectionString).Uri;
        var queue = new QueueServiceClient(azuriteConnectionString).Uri;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteFixture.DevAccountKey};" +
            $"BlobEndpoint={blob.ToString().TrimEnd('/')};QueueEndpoint={queue.ToString().TrimEnd('/')};" +
            $"TableEndpoint=http://127.0.0.1:{Port}{_target.AbsolutePath.TrimEnd('/')};";
    }

    public int Port { get; }

    /// <summary>A connection string whose table endpoint is this proxy (blobs and queues go to Azurite directly).</summary>
    public string ConnectionString { get; }

    /// <summary>The table requests forwarded so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<CountingStorageProxy> StartAsync(string azuriteConnectionString)
    {
        var proxy = new CountingStorageProxy(azuriteConnectionString);
        await proxy._app.StartAsync();
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request;
        var uri = new Uri($"{_target.Scheme}://{_target.Authority}{request.Path}{request.QueryString}");
        using var outgoing = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0)
        {
            outgoing.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in request.Headers.Where(h => !HopHeaders.Contains(h.Key)))
        {
            if (!outgoing.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                outgoing.Content ??= new ByteArrayContent([]);
                outgoing.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _forward.SendAsync(outgoing, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !HopHeaders.Contains(h.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}

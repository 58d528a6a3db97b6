using System.Collections.Concurrent;
using CxServerless.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CxSim.Tests.Sending;

/// <summary>A real HTTP listener on a free loopback port that accepts the Event Hubs REST send API and records every request.</summary>
public sealed class RecordingEventHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private RecordingEventHub(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The listener's base address, e.g. http://127.0.0.1:54321.</summary>
    public Uri Endpoint { get; }

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Chooses the status for request number n (1-based); 201 unless told otherwise.</summary>
    public Func<int, RecordedRequest, int> Status { get; set; } = (_, _) => StatusCodes.Status201Created;

    /// <summary>Starts a listener.</summary>
    public static async Task<RecordingEventHub> StartAsync()
    {
        var port = AzuriteFixture.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var hub = new RecordingEventHub(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapPost("/{hub}/messages", hub.HandleAsync);
        await app.StartAsync();
        return hub;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var recorded = new RecordedRequest(
            request.Path.Value ?? string.Empty,
            request.QueryString.Value ?? string.Empty,
            request.ContentType,
            request.Headers.Authorization.ToString(),
            await reader.ReadToEndAsync());
        Requests.Enqueue(recorded);
        var status = Status(Interlocked.Increment(ref _count), recorded);
        return Results.StatusCode(status);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the listener saw it.</summary>
public sealed record RecordedRequest(string Path, string Query, string? ContentType, string Authorization, string Body);

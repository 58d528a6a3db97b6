using System.Diagnostics;
using System.Reflection;
using Azure;
using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Functions.Storage;
using CxServerless.Workflows.Hosting;

namespace CxServerless.Functions.Operations;

/// <summary>
/// <c>GET /api/health</c> (anonymous): whether the app is healthy, starting or unhealthy. It answers 503 when storage is
/// unreachable or the heartbeat has stalled, else 200. Anyone gets the status only; an OpsAdmin also gets the details
/// (version, storage probe, workflow worker, last heartbeat). The heartbeat has stalled when neither a beat nor this
/// handler's start lies within <see cref="StaleAfter"/>: a beat left from an earlier run does not make a freshly started
/// app unhealthy before its timer has had the chance to run.
/// </summary>
/// <remarks>
/// The endpoint is anonymous, so however often it is called it reads storage (the probe and the heartbeat) at most once
/// per <see cref="ProbeEvery"/>; callers in between share the last reading.
/// </remarks>
public sealed class HealthFunction(
    HttpFunctionServices services, StorageAccount storage, HeartbeatStore heartbeats, WorkflowHost workflows, TimeProvider time)
    : HttpFunction(services)
{
    /// <summary>A heartbeat older than this means the trigger pipeline has stalled (the timer runs every minute).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(3);

    /// <summary>The shortest time between two storage readings.</summary>
    public static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(10);

    private readonly DateTimeOffset _started = time.GetUtcNow();
    private readonly Lock _gate = new();
    private (Task<StorageReading> Reading, DateTimeOffset At)? _last;

    private static readonly string Version =
        typeof(HealthFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <inheritdoc />
    public override string Name => "Health";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } = new HashSet<string>();

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        var (reachable, latency, storageError, beat) = await ReadingAsync(now).WaitAsync(cancellationToken);
        var age = beat is null ? (TimeSpan?)null : now - beat.LastBeat;
        var stale = now - _started > StaleAfter && (beat is null || age > StaleAfter);
        var status = !reachable || stale ? "unhealthy" : beat is null || age > StaleAfter ? "starting" : "healthy";
        var code = reachable && !stale ? 200 : 503;
        HttpTriggerResponse response;
        if (!caller.IsInAnyRole([CxRoles.OpsAdmin]))
        {
            response = HttpTriggerResponse.Json(code, new HealthStatusResponse(status), HealthJsonContext.Default.HealthStatusResponse);
        }
        else
        {
            var reason = !reachable ? "storage is unreachable"
                : stale ? $"no heartbeat for more than {StaleAfter.TotalMinutes:0} minutes: the trigger pipeline has stalled"
                : null;
            var worker = workflows.IsRunning ? "running" : workflows.Started.IsCanceled ? "stopped" : "starting";
            var body = new HealthResponse(
                status,
                reason,
                Version,
                now,
                new StorageHealth(reachable, Math.Round(latency.TotalMilliseconds, 1), storageError, Analytics.StorageReads.Total),
                new WorkflowHealth(worker),
                beat is null ? null : new HeartbeatHealth(beat.LastBeat, Math.Round(age!.Value.TotalSeconds, 1), beat.IsPastDue, stale));
            response = HttpTriggerResponse.Json(code, body, HealthJsonContext.Default.HealthResponse);
        }

        response.Headers["Cache-Control"] = "no-store";
        return response;
    }

    /// <summary>
    /// The last storage reading when it is younger than <see cref="ProbeEvery"/>, else a new one (shared by concurrent callers).
    /// </summary>
    private Task<StorageReading> ReadingAsync(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_last is { } last && now - last.At < ProbeEvery)
            {
                return last.Reading;
            }

            var reading = ReadStorageAsync();
            _last = (reading, now);
            return reading;
        }
    }

    private async Task<StorageReading> ReadStorageAsync()
    {
        var (reachable, latency, error) = await ProbeStorageAsync(CancellationToken.None);
        var beat = reachable ? await ReadHeartbeatAsync() : null;
        return new StorageReading(reachable, latency, error, beat);
    }

    private async Task<Heartbeat?> ReadHeartbeatAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            return await heartbeats.ReadAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            return null; // The probe just succeeded; a failed heartbeat read counts as no beat, and the next reading retries.
        }
    }

    private async Task<(bool Reachable, TimeSpan Latency, string? Error)> ProbeStorageAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await foreach (var _ in storage.Tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return (true, watch.Elapsed, null);
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or AggregateException or HttpRequestException)
        {
            var problem = ex is OperationCanceledException
                ? "storage did not answer within 5 s"
                : $"storage request failed ({ex.GetType().Name})";
            return (false, watch.Elapsed, problem);
        }
    }

    private sealed record StorageReading(bool Reachable, TimeSpan Latency, string? Error, Heartbeat? Beat);
}

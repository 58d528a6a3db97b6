using System.Diagnostics;
using System.Reflection;
using Azure;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Functions.Storage;
using CxServerless.Workflows.Hosting;

namespace CxServerless.Functions.Operations;

/// <summary>
/// <c>GET /api/health</c> (anonymous): the handler's version, whether storage answers, whether the workflow worker runs,
/// and the last heartbeat. It answers
/// 503 when storage is unreachable or the heartbeat has stalled, else 200. The heartbeat has stalled when neither a beat
/// nor this handler's start lies within <see cref="StaleAfter"/>: a beat left from an earlier run does not make a freshly
/// started app unhealthy before its timer has had the chance to run.
/// </summary>
public sealed class HealthFunction(
    HttpFunctionServices services, StorageAccount storage, HeartbeatStore heartbeats, WorkflowHost workflows, TimeProvider time)
    : HttpFunction(services)
{
    /// <summary>A heartbeat older than this means the trigger pipeline has stalled (the timer runs every minute).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(3);

    private readonly DateTimeOffset _started = time.GetUtcNow();

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
        var now = time.GetUtcNow();
        var (reachable, latency, storageError) = await ProbeStorageAsync(cancellationToken);
        Heartbeat? beat = null;
        if (reachable)
        {
            beat = await heartbeats.ReadAsync(cancellationToken);
        }

        var age = beat is null ? (TimeSpan?)null : now - beat.LastBeat;
        var stale = now - _started > StaleAfter && (beat is null || age > StaleAfter);
        var status = !reachable || stale ? "unhealthy" : beat is null || age > StaleAfter ? "starting" : "healthy";
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
        var response = HttpTriggerResponse.Json(reachable && !stale ? 200 : 503, body, HealthJsonContext.Default.HealthResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
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
}

using System.Text.Json.Nodes;
using CxHost.Configuration;
using CxHost.Envelope;
using CxHost.Handler;

namespace CxHost.Timers;

/// <summary>
/// Drives every <c>timerTrigger</c>: at start, runs a function marked <c>runOnStartup</c>, or one whose stored
/// <c>Next</c> passed while cx-host was down (with <c>IsPastDue</c>); then runs it at each occurrence, with
/// <c>IsPastDue</c> when it starts late, and stores the schedule status after each run.
/// </summary>
public sealed class TimerTriggerListener(
    FunctionAppDefinition app,
    TimerStatusStore statuses,
    FunctionInvoker invoker,
    CxHostOptions options,
    TimeProvider time,
    ILogger<TimerTriggerListener> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(app.WithTrigger("timerTrigger").Select(f => RunGuardedAsync(f, stoppingToken)));

    /// <summary>The <c>Data.{name}</c> value of one run (the host's <c>TimerInfo</c>).</summary>
    public static JsonObject TimerInfo(ScheduleStatus? status, bool isPastDue) => new()
    {
        ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
        ["ScheduleStatus"] = status?.ToJson(),
        ["IsPastDue"] = isPastDue,
    };

    private async Task RunGuardedAsync(FunctionDefinition function, CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(function, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (InvalidOperationException ex)
        {
            logger.LogError("{Function}: timer not started: {Message}", function.Name, ex.Message);
        }
    }

    private async Task RunAsync(FunctionDefinition function, CancellationToken stoppingToken)
    {
        var schedule = TimerSchedule.Parse(
            function.Trigger.Get("schedule") ?? throw new InvalidOperationException("timerTrigger has no schedule."));
        var useMonitor = function.Trigger.GetBoolean("useMonitor", fallback: true);
        var stored = useMonitor ? await statuses.ReadAsync(function.Name, stoppingToken) : null;
        var now = time.GetUtcNow();
        logger.LogInformation("{Function}: timerTrigger '{Schedule}', next at {Next:O}", function.Name, schedule.Text, schedule.Next(now));
        if (function.Trigger.GetBoolean("runOnStartup"))
        {
            await FireAsync(function, schedule, stored, isPastDue: false, useMonitor, stoppingToken);
        }
        else if (stored is not null && stored.Next < now)
        {
            await FireAsync(function, schedule, stored, isPastDue: true, useMonitor, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var due = schedule.Next(time.GetUtcNow());
            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }

            var late = TimerSchedule.IsPastDue(due, time.GetUtcNow());
            stored = useMonitor ? await statuses.ReadAsync(function.Name, stoppingToken) : null;
            await FireAsync(function, schedule, stored, late, useMonitor, stoppingToken);
        }
    }

    private async Task FireAsync(
        FunctionDefinition function,
        TimerSchedule schedule,
        ScheduleStatus? stored,
        bool isPastDue,
        bool useMonitor,
        CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var status = useMonitor ? new ScheduleStatus(stored?.Next ?? now, schedule.Next(now), now) : null;
        var envelope = new InvocationEnvelope(options.Encoding)
            .Data(function.Trigger.Name, TimerInfo(status is null ? null : stored ?? status, isPastDue))
            .Sys(function.Name, now)
            .ToJson();
        await invoker.InvokeAsync(function, envelope, stoppingToken);
        if (status is not null)
        {
            await statuses.WriteAsync(function.Name, status with { Last = now, LastUpdated = time.GetUtcNow() }, stoppingToken);
        }
    }
}

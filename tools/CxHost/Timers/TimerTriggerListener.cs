using System.Text.Json.Nodes;
using CxHost.Configuration;
using CxHost.Envelope;
using CxHost.Handler;
using CxHost.Hosting;
using CxHost.Storage;

namespace CxHost.Timers;

/// <summary>
/// Drives every <c>timerTrigger</c>: at start, runs a function marked <c>runOnStartup</c>, or one whose stored
/// <c>Next</c> passed while cx-host was down (with <c>IsPastDue</c>); then runs it at each occurrence, with
/// <c>IsPastDue</c> when it starts late, and stores the schedule status after each run. With several instances, a
/// timer runs only on the instance that holds its <see cref="TimerSingletonLock"/>; the others try again every polling
/// interval, and take over once a holder that died lets its lease lapse.
/// </summary>
public sealed class TimerTriggerListener(
    FunctionAppDefinition app,
    TimerStatusStore statuses,
    FunctionInvoker invoker,
    CxHostOptions options,
    InstanceIdentity identity,
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
        // A bad schedule is known before any storage call: only it stops the timer. Storage failures later, whatever
        // exception type the SDK throws for them, are retried below and never read as a bad schedule.
        TimerSchedule schedule;
        try
        {
            schedule = TimerSchedule.Parse(
                function.Trigger.Get("schedule") ?? throw new InvalidOperationException("timerTrigger has no schedule."));
            _ = schedule.Next(time.GetUtcNow());
        }
        catch (InvalidOperationException ex)
        {
            logger.LogError("{Function}: timer not started: {Message}", function.Name, ex.Message);
            return;
        }

        var scale = options.ScaleOut;
        while (!stoppingToken.IsCancellationRequested)
        {
            var singleton = statuses.Lock(function.Name, identity.OwnerId, scale.TimerLockPeriod);
            try
            {
                if (!await singleton.TryAcquireAsync(stoppingToken))
                {
                    await Task.Delay(scale.TimerLockPollingInterval, time, stoppingToken);
                    continue;
                }

                logger.LogInformation("{Function}: instance {Instance} holds the timer lock", function.Name, identity.Index);
                await RunWhileHeldAsync(function, schedule, singleton, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (StorageFailure.IsTransient(ex))
            {
                logger.LogError("{Function}: timer lock unavailable ({Error}); trying again", function.Name, ex.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Runs the schedule until the lock is lost (then returns, to try to take it again) or storage fails (throws).</summary>
    private async Task RunWhileHeldAsync(
        FunctionDefinition function, TimerSchedule schedule, TimerSingletonLock singleton, CancellationToken stoppingToken)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewAsync(function, singleton, held);
        try
        {
            await RunAsync(function, schedule, held.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // the lock was lost; another instance runs the timer now
        }
        finally
        {
            await held.CancelAsync();
            await renewing;
            if (!identity.Abandoned)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await singleton.ReleaseAsync(timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Renews the lease every third of its period; cancels <paramref name="held"/> once it is lost or has lapsed.</summary>
    private async Task RenewAsync(FunctionDefinition function, TimerSingletonLock singleton, CancellationTokenSource held)
    {
        var period = options.ScaleOut.TimerLockPeriod;
        var renewed = time.GetUtcNow();
        try
        {
            while (!held.IsCancellationRequested)
            {
                await Task.Delay(period / 3, time, held.Token);
                try
                {
                    if (!await singleton.RenewAsync(held.Token))
                    {
                        break;
                    }

                    renewed = time.GetUtcNow();
                }
                catch (Exception ex) when (StorageFailure.IsTransient(ex))
                {
                    if (time.GetUtcNow() - renewed >= period)
                    {
                        break; // the lease has lapsed by now; another instance may hold it
                    }
                }
            }

            logger.LogWarning("{Function}: instance {Instance} lost the timer lock", function.Name, identity.Index);
            await held.CancelAsync();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(FunctionDefinition function, TimerSchedule schedule, CancellationToken stoppingToken)
    {
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

            // A delay can wake a little early; firing before the occurrence would stamp it with the previous second.
            for (var wait = due - time.GetUtcNow(); wait > TimeSpan.Zero; wait = due - time.GetUtcNow())
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

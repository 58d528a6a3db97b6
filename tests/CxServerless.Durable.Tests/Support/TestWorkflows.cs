using CxServerless.Durable.Orchestration;
using CxServerless.Durable.Registration;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Durable.Tests.Support;

/// <summary>The orchestrations and activities the scenario and fault tests run.</summary>
internal static class TestWorkflows
{
    public static void Register(IServiceCollection services, Probe probe)
    {
        services.AddSingleton(probe);
        services.AddActivity<GreetActivity>("Greet");
        services.AddActivity<string, string>("Echo", (s, _) => Task.FromResult(s + "|echoed:" + new string('y', 100_000)));
        services.AddActivity<int, int>("Square", (n, _) => Task.FromResult(n * n));
        services.AddActivity<string, string>("Flaky", (key, _) =>
            probe.Increment("flaky:" + key) <= 2 ? throw new InvalidOperationException("transient failure") : Task.FromResult("ok after retries"));
        services.AddActivity<string, string>("AlwaysFails", (_, _) => throw new InvalidOperationException("permanent failure"));

        services.AddOrchestrator<string[], string[]>("Sequence", async (ctx, cities) =>
        {
            var results = new List<string>();
            foreach (var city in cities)
            {
                results.Add(await ctx.CallActivityAsync<string>("Greet", city));
            }

            return [.. results];
        });

        services.AddOrchestrator<int, int>("FanOut", async (ctx, n) =>
        {
            var squares = await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)));
            return squares.Sum();
        });

        services.AddOrchestrator<string, string>("RetryThenSucceed", (ctx, key) =>
            ctx.CallActivityAsync<string>("Flaky", key, new RetryOptions(3, TimeSpan.FromMilliseconds(200))));

        services.AddOrchestrator<string, string>("RetryExhausted", async (ctx, _) =>
        {
            try
            {
                return await ctx.CallActivityAsync<string>("AlwaysFails", "x", new RetryOptions(2, TimeSpan.FromMilliseconds(100)));
            }
            catch (ActivityFailedException ex)
            {
                return "handled: " + ex.Failure.Message;
            }
        });

        services.AddOrchestrator<int, string>("Timer", async (ctx, seconds) =>
        {
            var fireAt = ctx.CurrentUtcDateTime.AddSeconds(seconds);
            await ctx.CreateTimer(fireAt, CancellationToken.None);
            return ctx.CurrentUtcDateTime >= fireAt ? "fired on time" : "fired early";
        });

        services.AddOrchestrator<int, string>("TimerOrEvent", async (ctx, seconds) =>
        {
            using var cts = new CancellationTokenSource();
            var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddSeconds(seconds), cts.Token);
            var approval = ctx.WaitForExternalEvent<string>("Approval");
            var winner = await Task.WhenAny(timer, approval);
            if (winner == approval)
            {
                // Cancel() runs the timer's cancellation on the orchestration's thread; CancelAsync() would not be replay-safe.
#pragma warning disable CA1849
                cts.Cancel();
#pragma warning restore CA1849
                return "event:" + await approval + (timer.IsCanceled ? ";timer cancelled" : ";timer live");
            }

            return "timeout";
        });

        services.AddOrchestrator<string, string[]>("TwoEvents", async (ctx, city) =>
        {
            var greeting = await ctx.CallActivityAsync<string>("Greet", city);
            var first = await ctx.WaitForExternalEvent<string>("Note");
            var second = await ctx.WaitForExternalEvent<string>("Note");
            return [greeting, first, second];
        });

        services.AddOrchestrator<int, string>("Counter", async (ctx, n) =>
        {
            ctx.SetCustomStatus(new { generation = n });
            if (n == 0)
            {
                await ctx.WaitForExternalEvent<string>("Begin");
            }

            if (n < 3)
            {
                await ctx.CallActivityAsync<int>("Square", n);
                ctx.ContinueAsNew(n + 1);
                return "continued";
            }

            return "done:" + await ctx.WaitForExternalEvent<string>("Carried");
        });

        services.AddOrchestrator<string[], string>("Parent", async (ctx, cities) =>
        {
            var children = await ctx.CallSubOrchestratorAsync<string[]>("Sequence", cities);
            var guid = ctx.NewGuid();
            return string.Join(",", children) + "|" + (guid == ctx.NewGuid() ? "same" : "distinct");
        });

        services.AddOrchestrator<string, string>("WaitForever", async (ctx, _) => await ctx.WaitForExternalEvent<string>("Never"));

        services.AddOrchestrator<string, string>("Large", async (ctx, input) =>
        {
            var echoed = await ctx.CallActivityAsync<string>("Echo", input);
            return echoed + "|done";
        });

        services.AddOrchestrator<string, string>("Evolving", async (ctx, _) =>
        {
            // Version 2 inserts a step before the existing one: running instances cannot replay it.
            if (probe.Version == 2)
            {
                await ctx.CallActivityAsync<int>("Square", 7);
            }

            await ctx.CallActivityAsync<string>("Greet", "v1");
            return await ctx.WaitForExternalEvent<string>("Continue");
        });
    }

    /// <summary>An activity class resolved from DI.</summary>
    private sealed class GreetActivity(Probe probe) : IActivity<string, string>
    {
        public Task<string> RunAsync(string input, CancellationToken cancellationToken)
        {
            probe.Increment("greet:" + input);
            return Task.FromResult("Hello " + input);
        }
    }
}

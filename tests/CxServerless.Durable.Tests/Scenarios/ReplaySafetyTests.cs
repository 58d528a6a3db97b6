using CxServerless.Durable.Client;
using CxServerless.Durable.History;
using CxServerless.Durable.Registration;
using CxServerless.Durable.Tests.Support;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CxServerless.Durable.Tests.Scenarios;

[Collection(AzuriteTests.Name)]
public sealed class ReplaySafetyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Time_guids_and_log_lines_are_the_same_on_every_replay()
    {
        var logs = new CapturingLoggerProvider("CxServerless.Workflow.");
        await using var h = await EngineHarness.StartAsync(azurite, s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.AddActivity<int, int>("Inc", (n, _) => Task.FromResult(n + 1));
            s.AddOrchestrator<int, string[]>("Replayed", async (ctx, n) =>
            {
                var startedAt = ctx.CurrentUtcDateTime;
                var guid = ctx.NewGuid();
                var replayingAtStart = ctx.IsReplaying;
#pragma warning disable CA1848 // A test orchestrator; no hot path.
                ctx.Logger.LogWarning("started {Guid}", guid);
#pragma warning restore CA1848
                for (var i = 0; i < 3; i++)
                {
                    n = await ctx.CallActivityAsync<int>("Inc", n);
#pragma warning disable CA1848 // A test orchestrator logs once per step; no hot path.
                    ctx.Logger.LogWarning("step {Step} done", i);
#pragma warning restore CA1848
                }

                return [startedAt.ToString("O"), guid.ToString(), replayingAtStart.ToString(), (ctx.CurrentUtcDateTime > startedAt).ToString(), n.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            });
        });

        var state = await h.RunAsync("Replayed", 0);
        var output = state.ReadOutput<string[]>()!;
        var history = (await h.Client.GetStatusAsync(state.InstanceId, includeHistory: true))!.History!;
        var firstEpisode = history.First(e => e.Kind == HistoryEventKind.EpisodeStarted);

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(firstEpisode.Timestamp.UtcDateTime.ToString("O"), output[0]);
        Assert.Equal("True", output[2]); // the last episode replays from the start
        Assert.Equal("True", output[3]);
        Assert.Equal("3", output[4]);
        Assert.Equal(4, history.Count(e => e.Kind == HistoryEventKind.EpisodeStarted));
        // Each line once, and the GUID logged live in the first episode equals the one replayed in the last.
        Assert.Equal(["started " + output[1], "step 0 done", "step 1 done", "step 2 done"], logs.Lines.Order(StringComparer.Ordinal));

        var again = await h.RunAsync("Replayed", 0, instanceId: state.InstanceId + "-b");
        Assert.NotEqual(output[1], again.ReadOutput<string[]>()![1]); // GUIDs differ between instances
    }
}

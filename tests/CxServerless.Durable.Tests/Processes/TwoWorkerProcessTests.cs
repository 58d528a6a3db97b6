using System.Diagnostics;
using CxServerless.Durable.Client;
using CxServerless.Durable.History;
using CxServerless.Durable.Tests.Support;
using CxServerless.Testing;

namespace CxServerless.Durable.Tests.Processes;

/// <summary>Two worker processes share one task hub's queues; 200 concurrent orchestrations finish with every step exactly once.</summary>
[Collection(ProcessCollectionDefinition.Name)]
public sealed class TwoWorkerProcessTests(AzuriteFixture azurite)
{
    private const int Instances = 200;

    [Fact]
    public async Task Two_worker_processes_finish_200_orchestrations_with_no_lost_or_doubled_step()
    {
        await using var h = await EngineHarness.StartAsync(azurite, _ => { }, configure: o => o.ControlPartitions = 4, startWorker: false);
        var workers = new[] { StartWorker(azurite, h.Client.Names), StartWorker(azurite, h.Client.Names) };
        try
        {
            foreach (var worker in workers)
            {
                Assert.Equal("ready", await worker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)));
            }

            var ids = Enumerable.Range(0, Instances).Select(i => $"multi-{i}").ToList();
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
                await h.Client.StartAsync(TestWorker.StepWorkflows.Sequence, int.Parse(id[6..], System.Globalization.CultureInfo.InvariantCulture) * 10, id, ct));

            var states = new List<WorkflowState>();
            foreach (var id in ids)
            {
                states.Add(await h.WaitAsync(id, 180));
            }

            Assert.All(states, s => Assert.Equal(WorkflowStatus.Completed, s.Status));
            Assert.All(states, s => Assert.Equal((int.Parse(s.InstanceId[6..], System.Globalization.CultureInfo.InvariantCulture) * 10) + 3, s.ReadOutput<int>()));
            foreach (var id in ids)
            {
                var history = (await h.Client.GetStatusAsync(id, includeHistory: true))!.History!;
                Assert.Equal([0, 1, 2], history.Where(e => e.Kind == HistoryEventKind.ActivityScheduled).Select(e => e.Seq!.Value));
                Assert.Equal([0, 1, 2], history.Where(e => e.Kind == HistoryEventKind.ActivityCompleted).Select(e => e.Seq!.Value));
                Assert.Single(history, e => e.Kind == HistoryEventKind.WorkflowCompleted);
            }

            Assert.All(workers, w => Assert.False(w.HasExited, "A worker process died during the run."));
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.StandardInput.Close();
                if (!worker.WaitForExit(15_000))
                {
                    worker.Kill(entireProcessTree: true);
                }

                worker.Dispose();
            }
        }
    }

    private static Process StartWorker(AzuriteFixture azurite, CxServerless.Durable.Storage.StorageNames names)
    {
        // The project reference copies the worker (with its runtimeconfig) next to the tests.
        var dll = Path.Combine(AppContext.BaseDirectory, "CxServerless.Durable.TestWorker.dll");
        Assert.True(File.Exists(dll), $"The test worker is not built: {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(azurite.ConnectionString);
        start.ArgumentList.Add(names.HistoryTable[..^"History".Length]);
        start.ArgumentList.Add(names.ControlQueues.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the test worker.");
    }
}

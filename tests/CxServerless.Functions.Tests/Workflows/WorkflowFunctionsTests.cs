using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CxServerless.Durable;
using CxServerless.Durable.Client;
using CxServerless.Durable.Engine;
using CxServerless.Durable.Registration;
using CxServerless.Durable.Storage;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Workflows;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Workflows;

/// <summary>
/// The workflow functions driven the way the Functions host drives them: queue messages delivered as double-encoded
/// invocations with DequeueCount metadata, deleted only after a successful invocation.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class WorkflowFunctionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Queue_triggered_functions_run_an_orchestration_to_completion()
    {
        await using var services = BuildServices(out var hub);
        var client = services.GetRequiredService<WorkflowClient>();
        var engine = services.GetRequiredService<WorkflowEngine>();
        await client.CreateIfNotExistsAsync();
        try
        {
            IFunctionHandler[] control = [new WorkflowControlFunction(0, engine), new WorkflowControlFunction(1, engine)];
            var activity = new WorkflowActivityFunction(engine);
            await client.StartAsync("Twice", 5, "fn-1");

            for (var round = 0; round < 50 && !(await client.GetStatusAsync("fn-1"))!.IsFinal; round++)
            {
                for (var i = 0; i < control.Length; i++)
                {
                    await DeliverAsync(azurite.Queues.GetQueueClient(client.Names.ControlQueues[i]), control[i]);
                }

                await DeliverAsync(azurite.Queues.GetQueueClient(client.Names.ActivityQueue), activity);
            }

            var state = (await client.GetStatusAsync("fn-1"))!;
            Assert.Equal(WorkflowStatus.Completed, state.Status);
            Assert.Equal(20, state.ReadOutput<int>());
        }
        finally
        {
            await client.DeleteTaskHubAsync();
        }
    }

    [Fact]
    public async Task A_malformed_control_message_fails_the_invocation_so_the_host_retries_then_poisons_it()
    {
        await using var services = BuildServices(out _);
        var engine = services.GetRequiredService<WorkflowEngine>();
        var result = await new WorkflowControlFunction(0, engine).InvokeAsync(QueueRequest("WorkflowControl0", "not json", 1), CancellationToken.None);
        Assert.True(result.Failed);
        Assert.Contains("not an engine message", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_folders_bind_the_queues_the_engine_uses_by_default()
    {
        var names = new StorageNames(new DurableOptions());
        var root = Path.Combine(AzuriteFixture.RepositoryRoot(), "functions");
        for (var i = 0; i < names.ControlQueues.Count; i++)
        {
            Assert.Equal(names.ControlQueues[i], QueueNameOf(Path.Combine(root, $"WorkflowControl{i}", "function.json")));
        }

        Assert.Equal(names.ActivityQueue, QueueNameOf(Path.Combine(root, "WorkflowActivity", "function.json")));
        Assert.False(Directory.Exists(Path.Combine(root, $"WorkflowControl{names.ControlQueues.Count}")));
    }

    private static string? QueueNameOf(string file) =>
        JsonNode.Parse(File.ReadAllText(file))!["bindings"]![0]!["queueName"]!.GetValue<string>();

    private ServiceProvider BuildServices(out string hub)
    {
        var taskHub = hub = AzuriteFixture.UniqueName("fn");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new DurableStorageAccount(azurite.Tables, azurite.Queues, new BlobServiceClient(azurite.ConnectionString)));
        services.AddDurableEngine(o =>
        {
            o.TaskHub = taskHub;
            o.ControlPartitions = 2;
        });
        services.AddActivity<int, int>("Double", (n, _) => Task.FromResult(n * 2));
        services.AddOrchestrator<int, int>("Twice", async (ctx, n) => await ctx.CallActivityAsync<int>("Double", await ctx.CallActivityAsync<int>("Double", n)));
        return services.BuildServiceProvider();
    }

    /// <summary>Delivers every visible message once, as the host does: invoke, then delete on success.</summary>
    private static async Task DeliverAsync(QueueClient queue, IFunctionHandler handler)
    {
        foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value)
        {
            var result = await handler.InvokeAsync(QueueRequest(handler.Name, message.MessageText, message.DequeueCount), CancellationToken.None);
            Assert.False(result.Failed, result.Error);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }

    private static InvocationRequest QueueRequest(string function, string text, long dequeueCount) => new(
        function,
        Guid.NewGuid().ToString(),
        new JsonObject { ["message"] = JsonSerializer.Serialize(text) },
        new JsonObject { ["DequeueCount"] = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Id"] = "\"m1\"" });
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using CxServerless.Durable.Client;
using CxServerless.Durable.Messaging;
using CxServerless.Durable.Registration;
using CxServerless.Durable.Storage;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Workflows;

/// <summary>
/// The real handler over real HTTP, invoked exactly as the Functions host invokes it: double-encoded queue envelopes to
/// <c>POST /WorkflowControl{i}</c>, and HTTP envelopes with a client principal to <c>/WorkflowGet</c> and <c>/WorkflowList</c>.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class WorkflowHandlerProcessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_handler_runs_an_episode_from_a_queue_invocation_and_serves_the_admin_api_to_allowed_roles()
    {
        var hub = AzuriteFixture.UniqueName("fnproc");
        await using var services = ClientServices(hub);
        var client = services.GetRequiredService<WorkflowClient>();
        using var server = new HandlerServer(azurite.ConnectionString, settings: new Dictionary<string, string> { ["Workflow:TaskHub"] = hub });
        using var http = server.Client();
        try
        {
            await client.StartAsync("NoSuchWorkflow", new { n = 1 }, "proc-1");
            var partition = ControlPartitioner.PartitionOf("proc-1", client.Names.ControlQueues.Count);
            var queue = azurite.Queues.GetQueueClient(client.Names.ControlQueues[partition]);
            var message = Assert.Single((await queue.ReceiveMessagesAsync(32)).Value);

            var invoked = await http.PostAsJsonAsync($"WorkflowControl{partition}", QueueEnvelope(message.MessageText, message.DequeueCount));
            Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
            var state = (await client.GetStatusAsync("proc-1"))!;
            Assert.Equal(WorkflowStatus.Failed, state.Status);
            Assert.Equal("UnknownOrchestrator", state.Failure!.ErrorType);

            var get = await InvokeHttpAsync(http, "WorkflowGet", CxRoles.Auditor, new JsonObject { ["id"] = "proc-1" }, []);
            Assert.Equal(200, get.Status);
            Assert.Equal("Failed", get.Body["status"]!.GetValue<string>());
            Assert.Equal("WorkflowStarted", get.Body["history"]![0]!["kind"]!.GetValue<string>());
            var list = await InvokeHttpAsync(http, "WorkflowList", CxRoles.OpsAdmin, [], new JsonObject { ["status"] = "Failed" });
            Assert.Contains(list.Body["instances"]!.AsArray(), i => i!["instanceId"]!.GetValue<string>() == "proc-1");
            Assert.Equal(400, (await InvokeHttpAsync(http, "WorkflowGet", CxRoles.Supervisor, new JsonObject { ["id"] = "a/b" }, [])).Status);
            Assert.Equal(404, (await InvokeHttpAsync(http, "WorkflowGet", CxRoles.Supervisor, new JsonObject { ["id"] = "missing" }, [])).Status);
            Assert.Equal(400, (await InvokeHttpAsync(http, "WorkflowList", CxRoles.Supervisor, [], new JsonObject { ["status"] = "Sleeping" })).Status);
            Assert.Equal(400, (await InvokeHttpAsync(http, "WorkflowList", CxRoles.Supervisor, [], new JsonObject { ["from"] = "yesterday" })).Status);
            Assert.Equal(400, (await InvokeHttpAsync(http, "WorkflowList", CxRoles.Supervisor, [], new JsonObject { ["top"] = "5000" })).Status);
            var window = await InvokeHttpAsync(http, "WorkflowList", CxRoles.Auditor, [], new JsonObject
            {
                ["from"] = state.CreatedAt.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
                ["to"] = state.CreatedAt.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture),
            });
            Assert.Equal(["proc-1"], window.Body["instances"]!.AsArray().Select(i => i!["instanceId"]!.GetValue<string>()));
            var later = await InvokeHttpAsync(http, "WorkflowList", CxRoles.Auditor, [], new JsonObject { ["from"] = state.CreatedAt.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture) });
            Assert.Empty(later.Body["instances"]!.AsArray());
            Assert.Equal(403, (await InvokeHttpAsync(http, "WorkflowGet", CxRoles.Agent, new JsonObject { ["id"] = "proc-1" }, [])).Status);

            var malformed = await http.PostAsJsonAsync("WorkflowControl0", QueueEnvelope("{\"no\":\"instance\"}", 1));
            Assert.Equal(HttpStatusCode.InternalServerError, malformed.StatusCode);
        }
        finally
        {
            await client.DeleteTaskHubAsync();
        }
    }

    [Fact]
    public void An_invalid_task_hub_name_stops_the_handler_at_start_with_the_setting_named()
    {
        using var server = new HandlerServer(azurite.ConnectionString, settings: new Dictionary<string, string> { ["Workflow:TaskHub"] = "1-bad" });
        var ex = Assert.ThrowsAny<Exception>(() => server.Client());
        Assert.Contains("Workflow:TaskHub", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_partition_count_that_does_not_match_the_function_folders_stops_the_handler()
    {
        using var server = new HandlerServer(azurite.ConnectionString, settings: new Dictionary<string, string> { ["Workflow:ControlPartitions"] = "2" });
        var ex = Assert.ThrowsAny<Exception>(() => server.Client());
        Assert.Contains("WorkflowControl2", ex.ToString(), StringComparison.Ordinal);
    }

    private ServiceProvider ClientServices(string hub)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new DurableStorageAccount(azurite.Tables, azurite.Queues, new BlobServiceClient(azurite.ConnectionString)));
        services.AddDurableEngine(o => o.TaskHub = hub);
        return services.BuildServiceProvider();
    }

    /// <summary>A queue invocation as the host sends it: the message text and metadata double-encoded.</summary>
    private static JsonObject QueueEnvelope(string text, long dequeueCount) => new()
    {
        ["Data"] = new JsonObject { ["message"] = JsonSerializer.Serialize(text) },
        ["Metadata"] = new JsonObject
        {
            ["DequeueCount"] = dequeueCount.ToString(CultureInfo.InvariantCulture),
            ["Id"] = JsonSerializer.Serialize(Guid.NewGuid().ToString()),
        },
    };

    private static async Task<(int Status, JsonObject Body)> InvokeHttpAsync(HttpClient http, string function, string role, JsonObject parameters, JsonObject query)
    {
        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = "http://127.0.0.1:7071/api/workflows",
                    ["Method"] = "GET",
                    ["Query"] = query,
                    ["Headers"] = new JsonObject { [ClientPrincipalReader.HeaderName] = new JsonArray(ClientPrincipalReader.Encode("aad", "wf-" + role, [role])) },
                    ["Params"] = parameters,
                },
            },
            ["Metadata"] = new JsonObject(),
        };
        var response = await http.PostAsJsonAsync(function, envelope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = (await response.Content.ReadFromJsonAsync<JsonObject>())!["Outputs"]!["res"]!;
        return (res["statusCode"]!.GetValue<int>(), JsonNode.Parse(res["body"]!.GetValue<string>())!.AsObject());
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CxServerless.Domain.Access;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Workflows;

/// <summary>
/// The real handler over real HTTP, with the Durable Task Framework hosted in it, invoked as the Functions host invokes
/// it: HTTP envelopes with a client principal to the workflow management functions.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class WorkflowHandlerProcessTests(AzuriteFixture azurite)
{
    private static readonly JsonObject None = [];

    [Fact]
    public async Task The_management_api_lists_reads_signals_terminates_and_purges_instances_of_the_hosted_worker()
    {
        using var server = new HandlerServer(azurite.ConnectionString, workflows: r => r.AddOrchestrator<ApprovalTestWorkflow>());
        using var http = server.Client();
        var client = server.Services.GetRequiredService<DurableTaskClient>();
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalTestWorkflow), "case-1", new StartOrchestrationOptions("wf-a"));
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalTestWorkflow), "case-2", new StartOrchestrationOptions("wf-b"));
        await WaitForStatusAsync(client, "wf-a", OrchestrationRuntimeStatus.Running);
        await WaitForStatusAsync(client, "wf-b", OrchestrationRuntimeStatus.Running);

        var running = await InvokeAsync(http, "WorkflowList", CxRoles.Auditor, "GET", None, new JsonObject { ["status"] = "Running" });
        Assert.Equal(200, running.Status);
        Assert.Equal(["wf-a", "wf-b"], Ids(running.Body));
        var page = await InvokeAsync(http, "WorkflowList", CxRoles.OpsAdmin, "GET", None, new JsonObject { ["top"] = "1" });
        Assert.Single(Ids(page.Body));
        var token = page.Body["continuationToken"]!.GetValue<string>();
        var next = await InvokeAsync(http, "WorkflowList", CxRoles.OpsAdmin, "GET", None, new JsonObject { ["top"] = "1", ["continuationToken"] = token });
        Assert.Single(Ids(next.Body));
        Assert.NotEqual(Ids(page.Body), Ids(next.Body));

        var detail = await InvokeAsync(http, "WorkflowGet", CxRoles.Auditor, "GET", Id("wf-a"), new JsonObject { ["history"] = "true" });
        Assert.Equal(200, detail.Status);
        Assert.Equal("Running", detail.Body["status"]!.GetValue<string>());
        Assert.Equal("case-1", detail.Body["input"]!.GetValue<string>());
        Assert.Equal("approve", detail.Body["customStatus"]!["waitingFor"]!.GetValue<string>());
        Assert.Contains(detail.Body["history"]!.AsArray(), e => e!["EventType"]!.GetValue<int>() == 0); // ExecutionStarted

        var raised = await InvokeAsync(http, "WorkflowRaiseEvent", CxRoles.OpsAdmin, "POST", Id("wf-a", ("name", "approve")), None,
            """{"by":"lead-7","note":"call me on +44 20 7946 0958"}""");
        Assert.Equal(202, raised.Status);
        var done = await client.WaitForInstanceCompletionAsync("wf-a", getInputsAndOutputs: true).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.StartsWith("case-1:lead-7:call me on ", done.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("7946", done.ReadOutputAs<string>(), StringComparison.Ordinal);

        var terminated = await InvokeAsync(http, "WorkflowTerminate", CxRoles.OpsAdmin, "POST", Id("wf-b"), None, """{"reason":"duplicate case"}""");
        Assert.Equal(202, terminated.Status);
        var ended = await client.WaitForInstanceCompletionAsync("wf-b", getInputsAndOutputs: true).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, ended.RuntimeStatus);
        Assert.Equal("duplicate case", ended.ReadOutputAs<string>());
        Assert.Equal(409, (await InvokeAsync(http, "WorkflowTerminate", CxRoles.OpsAdmin, "POST", Id("wf-b"), None, """{"reason":"again"}""")).Status);
        Assert.Equal(409, (await InvokeAsync(http, "WorkflowRaiseEvent", CxRoles.OpsAdmin, "POST", Id("wf-b", ("name", "approve")), None, "{}")).Status);

        var purged = await InvokeAsync(http, "WorkflowPurge", CxRoles.OpsAdmin, "DELETE", Id("wf-b"), None);
        Assert.Equal(200, purged.Status);
        Assert.Equal("1", purged.Body["detail"]!.GetValue<string>());
        Assert.Null(await client.GetInstanceAsync("wf-b"));
        Assert.Equal(404, (await InvokeAsync(http, "WorkflowGet", CxRoles.OpsAdmin, "GET", Id("wf-b"), None)).Status);
        Assert.Equal(404, (await InvokeAsync(http, "WorkflowPurge", CxRoles.OpsAdmin, "DELETE", Id("wf-b"), None)).Status);
    }

    [Fact]
    public async Task Bad_requests_get_problems_and_change_nothing()
    {
        using var server = new HandlerServer(azurite.ConnectionString, workflows: r => r.AddOrchestrator<ApprovalTestWorkflow>());
        using var http = server.Client();
        var client = server.Services.GetRequiredService<DurableTaskClient>();
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalTestWorkflow), "case-9", new StartOrchestrationOptions("wf-c"));
        await WaitForStatusAsync(client, "wf-c", OrchestrationRuntimeStatus.Running);

        Assert.Equal(400, (await InvokeAsync(http, "WorkflowGet", CxRoles.OpsAdmin, "GET", Id("a/b"), None)).Status);
        Assert.Equal(400, (await InvokeAsync(http, "WorkflowGet", CxRoles.OpsAdmin, "GET", Id("wf-c"), new JsonObject { ["history"] = "yes" })).Status);
        Assert.Equal(404, (await InvokeAsync(http, "WorkflowGet", CxRoles.OpsAdmin, "GET", Id("missing"), None)).Status);
        Assert.Equal(400, (await InvokeAsync(http, "WorkflowList", CxRoles.OpsAdmin, "GET", None, new JsonObject { ["status"] = "Sleeping" })).Status);
        Assert.Equal(400, (await InvokeAsync(http, "WorkflowList", CxRoles.OpsAdmin, "GET", None, new JsonObject { ["status"] = "7" })).Status);
        Assert.Equal(400, (await InvokeAsync(http, "WorkflowList", CxRoles.OpsAdmin, "GET", None, new JsonObject { ["createdFrom"] = "yesterday" })).Status);
        Assert.Equal(400, (await InvokeAsync(http, "WorkflowList", CxRoles.OpsAdmin, "GET", None, new JsonObject { ["top"] = "5000" })).Status);
        Assert.Equal(400, (await InvokeAsync(http, "WorkflowList", CxRoles.OpsAdmin, "GET", None,
            new JsonObject { ["continuationToken"] = "not-a-token" })).Status);
        Assert.Equal(400, (await InvokeAsync(http, "WorkflowRaiseEvent", CxRoles.OpsAdmin, "POST", Id("wf-c", ("name", "approve")), None, "{not json")).Status);
        Assert.Equal(400, (await InvokeAsync(http, "WorkflowRaiseEvent", CxRoles.OpsAdmin, "POST", Id("wf-c", ("name", "a b")), None, "{}")).Status);
        var huge = "\"" + new string('x', 70 * 1024) + "\"";
        Assert.Equal(413, (await InvokeAsync(http, "WorkflowRaiseEvent", CxRoles.OpsAdmin, "POST", Id("wf-c", ("name", "approve")), None, huge)).Status);
        Assert.Equal(404, (await InvokeAsync(http, "WorkflowRaiseEvent", CxRoles.OpsAdmin, "POST", Id("nope", ("name", "approve")), None, "{}")).Status);
        Assert.Equal(400, (await InvokeAsync(http, "WorkflowTerminate", CxRoles.OpsAdmin, "POST", Id("wf-c"), None, "{}")).Status);
        Assert.Equal(400, (await InvokeAsync(http, "WorkflowTerminate", CxRoles.OpsAdmin, "POST", Id("wf-c"), None, "[1,2]")).Status);
        Assert.Equal(413, (await InvokeAsync(http, "WorkflowTerminate", CxRoles.OpsAdmin, "POST", Id("wf-c"), None, huge)).Status);
        Assert.Equal(409, (await InvokeAsync(http, "WorkflowPurge", CxRoles.OpsAdmin, "DELETE", Id("wf-c"), None)).Status);
        Assert.Equal(403, (await InvokeAsync(http, "WorkflowTerminate", CxRoles.Auditor, "POST", Id("wf-c"), None, """{"reason":"x"}""")).Status);
        Assert.Equal(403, (await InvokeAsync(http, "WorkflowGet", CxRoles.Supervisor, "GET", Id("wf-c"), None)).Status);

        var state = await client.GetInstanceAsync("wf-c", getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Running, state!.RuntimeStatus);
    }

    private static async Task WaitForStatusAsync(DurableTaskClient client, string id, OrchestrationRuntimeStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await client.GetInstanceAsync(id))?.RuntimeStatus != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{id} did not reach {status} in 60 s.");
            await Task.Delay(100);
        }
    }

    private static JsonObject Id(string id, params (string Name, string Value)[] more)
    {
        var parameters = new JsonObject { ["id"] = id };
        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    private static List<string> Ids(JsonObject body) =>
        [.. body["instances"]!.AsArray().Select(i => i!["instanceId"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    private static async Task<(int Status, JsonObject Body)> InvokeAsync(
        HttpClient http, string function, string role, string method, JsonObject parameters, JsonObject query, string? body = null)
    {
        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = "http://127.0.0.1:7071/api/workflows",
                    ["Method"] = method,
                    ["Query"] = query.DeepClone(),
                    ["Headers"] = new JsonObject
                    {
                        [ClientPrincipalReader.HeaderName] = new JsonArray(ClientPrincipalReader.Encode("aad", "wf-" + role, [role])),
                    },
                    ["Params"] = parameters.DeepClone(),
                    ["Body"] = body,
                },
            },
            ["Metadata"] = new JsonObject(),
        };
        var response = await http.PostAsJsonAsync(function, envelope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = (await response.Content.ReadFromJsonAsync<JsonObject>())!["Outputs"]!["res"]!;
        var text = res["body"]!.GetValue<string>();
        return (res["statusCode"]!.GetValue<int>(), JsonNode.Parse(text)!.AsObject());
    }

    [Fact]
    public void An_invalid_task_hub_name_stops_the_handler_at_start_with_the_setting_named()
    {
        using var server = new HandlerServer(azurite.ConnectionString, settings: new Dictionary<string, string> { ["Workflows:TaskHub"] = "1-bad" });
        var ex = Assert.ThrowsAny<Exception>(() => server.Client());
        Assert.Contains("Workflows__TaskHub", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"'1-bad'"), ex.ToString(), StringComparison.Ordinal);
    }
}

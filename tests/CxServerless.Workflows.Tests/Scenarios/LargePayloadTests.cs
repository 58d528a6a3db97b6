using Azure.Storage.Blobs;
using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support.Workflows;
using Microsoft.DurableTask.Client;

namespace CxServerless.Workflows.Tests.Scenarios;

[Collection(AzuriteTests.Name)]
public sealed class LargePayloadTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_200_KiB_input_and_output_round_trip_through_activities_by_way_of_blobs()
    {
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);
        var payload = string.Create(200 * 1024, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('a' + (i * 7 % 26));
            }
        });

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EchoTwice), payload);
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(payload, state.ReadInputAs<string>());
        Assert.Equal(payload, state.ReadOutputAs<string>());
        // Queue messages and table properties hold 64 KiB at most: the provider put the payloads in its blob container.
        var container = new BlobServiceClient(azurite.ConnectionString)
            .GetBlobContainerClient(h.TaskHub.ToLowerInvariant() + "-largemessages");
        var blobs = 0;
        await foreach (var _ in container.GetBlobsAsync())
        {
            blobs++;
        }

        Assert.True(blobs > 0, "No payload was stored in the large-message container.");
    }
}

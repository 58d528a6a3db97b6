using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Functions.Analytics;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Analytics;

/// <summary>
/// Rolled-up alerts in the Alerts table on Azurite: a child (<see cref="Alert.ParentId"/>) is stored and listed with its
/// parent but puts nothing on the alerts queue, so no escalation starts for it; a child promoted when it outlives its parent
/// is announced then, once.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AlertRollUpStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Opened = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly string _table = AzuriteFixture.UniqueName("rollal");
    private readonly string _queue = AzuriteFixture.UniqueName("rollq");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await new TableServiceClient(azurite.ConnectionString).DeleteTableAsync(_table);
        await new QueueClient(azurite.ConnectionString, _queue).DeleteIfExistsAsync();
    }

    private AlertStore Store() =>
        new(new TableClient(azurite.ConnectionString, _table), new QueueClient(azurite.ConnectionString, _queue), TimeProvider.System);

    private static Alert Wait(Slice slice, double value, DateTimeOffset end, string? parent) => new()
    {
        Id = AlertId.For("1.3.0", KpiId.AverageSpeedOfAnswer, slice, Opened),
        RulesVersion = "1.3.0",
        RuleId = "queue-wait",
        Kpi = KpiId.AverageSpeedOfAnswer,
        Slice = slice,
        Status = AlertStatus.Open,
        Severity = AlertSeverity.Critical,
        Detector = "static",
        Direction = BreachDirection.Above,
        Value = value,
        OpeningValue = value,
        PeakValue = value,
        WindowStart = end.AddMinutes(-15),
        WindowEnd = end,
        OpenedAt = Opened,
        BreachCount = 1,
        Route = new RoutingHint(null, "workforce", "queue-wait"),
        Message = $"Critical: wait {value} s",
        ParentId = parent,
    };

    private async Task<List<JsonObject>> DrainAsync()
    {
        var messages = (await new QueueClient(azurite.ConnectionString, _queue).ReceiveMessagesAsync(32)).Value;
        return [.. messages.Select(m => JsonNode.Parse(m.MessageText)!.AsObject())];
    }

    [Fact]
    public async Task A_child_is_listed_with_its_parent_id_but_only_the_parent_and_a_promotion_are_announced()
    {
        var store = Store();
        await store.EnsureCreatedAsync(CancellationToken.None);
        var billing = new Slice(SliceDimension.Queue, "billing");
        var parent = Wait(Slice.All, 75, Opened, null);
        var child = Wait(billing, 95, Opened, parent.Id);

        foreach (var alert in new[] { parent, child })
        {
            var written = await store.ApplyAsync(new AlertTransition(AlertTransitionKind.Opened, alert), alert.Id, CancellationToken.None);
            await store.NotifyAsync(written!, AlertStore.KindOf(written!), CancellationToken.None);
        }

        var updated = child with { Value = 110, PeakValue = 110, WindowEnd = Opened.AddMinutes(1), Severity = AlertSeverity.Error };
        var written2 = await store.ApplyAsync(
            new AlertTransition(AlertTransitionKind.Updated, updated, SeverityChanged: true), child.Id, CancellationToken.None);
        await store.NotifyAsync(written2!, AlertStore.KindOf(written2!), CancellationToken.None);

        Assert.Equal(0, await store.NotifyPendingAsync(CancellationToken.None));
        var announced = await DrainAsync();
        Assert.Equal([(parent.Id, "opened")], announced.Select(m => (m["alertId"]!.GetValue<string>(), m["event"]!.GetValue<string>())));

        var listed = await store.ListAsync(CancellationToken.None, fresh: true);
        var row = listed.Single(a => a.Alert.Id == child.Id);
        Assert.Equal((parent.Id, 110d), (row.ToView().ParentId, row.Alert.PeakValue));
        Assert.Null(listed.Single(a => a.Alert.Id == parent.Id).ToView().ParentId);

        // The parent resolved; the child still breaches and is opened again without a parent: it pages now, once.
        var promoted = updated with { ParentId = null, WindowEnd = Opened.AddMinutes(2) };
        var written3 = await store.ApplyAsync(new AlertTransition(AlertTransitionKind.Opened, promoted), child.Id, CancellationToken.None);
        await store.NotifyAsync(written3!, AlertStore.KindOf(written3!), CancellationToken.None);
        Assert.Equal(0, await store.NotifyPendingAsync(CancellationToken.None));

        var page = Assert.Single(await DrainAsync());
        Assert.Equal(child.Id, page["alertId"]!.GetValue<string>());
        Assert.Null((await store.ListAsync(CancellationToken.None, fresh: true)).Single(a => a.Alert.Id == child.Id).Alert.ParentId);
    }
}

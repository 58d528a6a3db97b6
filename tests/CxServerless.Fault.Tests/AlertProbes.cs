using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CxServerless.Domain.Events;
using CxSim.Formats;
using CxSim.Generation;

namespace CxServerless.Fault.Tests;

/// <summary>
/// Alert probes: five <c>ContactAnswered</c> events on a queue of their own with a 1000 s wait, event time = now, which
/// the fault rules' probe rule turns into exactly one alert once the probe's minute is final.
/// </summary>
internal static class AlertProbes
{
    public static async Task SendAsync(TrafficLedger ledger, string queue)
    {
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 5).Select(i =>
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{queue}-{i}");
            var cxEvent = new CxEvent
            {
                EventId = id,
                SourceSystem = "cx-fault",
                Type = CxEventType.ContactAnswered,
                EventTime = now,
                ConversationId = id,
                Channel = CxChannel.Voice,
                Queue = queue,
                Team = "team-probe",
                Region = "emea",
                Measures = new CxMeasures { WaitSeconds = 1000 },
            };
            var body = CanonicalEventEncoder.Instance.Encode(cxEvent);
            return new SimulatedEvent(-1, now, id, cxEvent.Channel, body.Body, body.Format, cxEvent, null, default);
        }).ToList();
        var outcome = await ledger.SendAsync(events, CancellationToken.None);
        Assert.Equal(events.Count, outcome.Sent);
    }

    /// <summary>The probe rule's alert rows, by slice.</summary>
    public static async Task<Dictionary<string, int>> AlertRowsAsync(TableClient alerts)
    {
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            var filter = TableClient.CreateQueryFilter($"RuleId eq {FaultApp.ProbeRule}");
            await foreach (var row in alerts.QueryAsync<TableEntity>(filter, select: ["Slice"]))
            {
                var slice = row.GetString("Slice") ?? string.Empty;
                rows[slice] = rows.GetValueOrDefault(slice) + 1;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return rows;
    }

    /// <summary>
    /// How many messages on the alerts queue mention <paramref name="queue"/> (the escalation starter is disabled, so they stay).
    /// </summary>
    public static async Task<int> AnnouncementsAsync(QueueClient alertsQueue, string queue)
    {
        var count = 0;
        if (!await alertsQueue.ExistsAsync())
        {
            return 0;
        }

        foreach (var message in (await alertsQueue.PeekMessagesAsync(32)).Value)
        {
            if (message.Body.ToString().Contains(queue, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }
}

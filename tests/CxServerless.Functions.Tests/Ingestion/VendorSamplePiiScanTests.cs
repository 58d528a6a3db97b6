using Azure;
using Azure.Data.Tables;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using static CxServerless.Functions.Tests.Ingestion.IngestionClient;
using static CxServerless.Functions.Tests.Ingestion.TestCorpus;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>
/// Issue 14's acceptance through the real handler on Azurite: every vendor-written sample (and a few unmodelled
/// payloads) in one batch; the counters say how many were stored and how many quarantined as unsupported-type, and
/// add up; then every table, queue and blob of the account is read back and none of the samples' personal values
/// (people's names, customer ids, the caller's phone) is found in the clear.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class VendorSamplePiiScanTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly IngestionTables _tables = new(azurite);

    /// <summary>Unmodelled payloads (shaped per their vendors' docs, as in the Domain tests) and a Twilio callback with a caller.</summary>
    private static readonly (string Body, string Enqueued)[] Extra =
    [
        ("""
            {"payload":{"Name":"Jhon Account","ChangeEventHeader":{"entityName":"Account","changeType":"UPDATE",
             "transactionKey":"t-1","sequenceNumber":1,"commitTimestamp":1717237800000,"recordIds":["0013000000AbCdEAAZ"]}}}
            """, "2024-06-01T10:30:02Z"),
        ("""
            [{"topic":"/subscriptions/x","subject":"/blobServices/default/containers/c/blobs/f.txt",
              "eventType":"Microsoft.Storage.BlobCreated","eventTime":"2017-06-26T18:41:00.9584103Z",
              "id":"831e1650-001e-001b-66ab-eeb76e069631","data":{"api":"PutBlockList"}}]
            """, "2017-06-26T18:41:03Z"),
        ("""
            {"AWSAccountId":"123456789012","AgentARN":"arn:aws:connect:us-east-1:123456789012:instance/a/agent/b",
             "EventType":"HEART_BEAT","EventId":"048dd3a5","EventTimestamp":"2019-05-25T18:43:59.049Z","Version":"2019-05-25"}
            """, "2019-05-25T18:44:02Z"),
        ("""
            {"AccountSid":"ACX","WorkspaceSid":"WS7d","Sid":"EV00c001","EventType":"task.created","Timestamp":"1438385793",
             "TaskSid":"WT01","TaskAttributes":"{\"from\":\"+14155550100\",\"name\":\"Test Caller\"}","TaskChannelUniqueName":"voice"}
            """, "2015-07-31T23:36:35Z"),
    ];

    /// <summary>Personal values the samples carry, by what they are.</summary>
    private static readonly (string What, string Value)[] Needles =
    [
        ("ACS chat sender display name", "Jhon"),
        ("Twilio worker name", "Cases Worker"),
        ("agent name in a Contact Lens transcript", "is Adam"),
        ("Twilio caller name", "Test Caller"),
        ("Twilio caller phone", "4155550100"),
        ("ACS chat sender id", "578d-7caf-07fd-084822001724"),
        ("Genesys external contact id", "12456349-b5c7-4d8f-9eb4-f4df18bce9a9"),
        ("Zendesk requester and assignee id", "20014182"),
        ("Zendesk rating requester id", "20014192"),
    ];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _tables.DeleteAsync();

    [Fact]
    public async Task Vendor_samples_are_stored_or_unsupported_the_counters_add_up_and_no_personal_value_is_stored_in_clear()
    {
        var batch = new List<TestEvent>();
        foreach (var fixture in VendorFixtures.All)
        {
            batch.Add(At(fixture.Body, batch.Count + 1, fixture.EnqueuedTime));
        }

        foreach (var (body, enqueued) in Extra)
        {
            batch.Add(At(body, batch.Count + 1, DateTimeOffset.Parse(enqueued, System.Globalization.CultureInfo.InvariantCulture)));
        }

        var expectedStored = VendorFixtures.All.Sum(f => f.Fates.Count(x => x == VendorFixtures.Stored)) + 1;
        var expectedUnsupported = VendorFixtures.All.Sum(f => f.Fates.Count(x => x == VendorFixtures.Unsupported)) + 3;
        string invocationBody;
        const string HostJson = """{"version":"2.0","functionTimeout":"00:01:00"}""";
        using (var server = new HandlerServer(azurite.ConnectionString, HostJson, _tables.Settings))
        using (var client = server.Client())
        {
            using var response = await InvokeAsync(client, _tables.EventHub, "0", batch);
            invocationBody = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, invocationBody);
            var (_, totals) = await OpsAsync(client, "OpsAdmin");
            AssertAddsUp(totals!);
            Assert.Equal(expectedStored + expectedUnsupported, Long(totals!["received"]));
            Assert.Equal(expectedStored, Long(totals["stored"]));
            Assert.Equal(expectedUnsupported, Long(totals["quarantined"]!["unsupported-type"]));
            Assert.Equal(expectedUnsupported, Long(totals["quarantinedTotal"]));
            Assert.Null(totals["bySource"]!["unknown"]);
        }

        var findings = new List<string>();
        var scanned = 0;
        await foreach (var table in azurite.Tables.QueryAsync())
        {
            try
            {
                await foreach (var entity in azurite.Tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
                {
                    foreach (var (property, value) in entity)
                    {
                        scanned++;
                        findings.AddRange(Find($"table {table.Name}/{entity.RowKey}/{property}", value?.ToString()));
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Another test deleted its table while we listed: nothing of ours was in it.
            }
        }

        await foreach (var queue in azurite.Queues.GetQueuesAsync())
        {
            try
            {
                foreach (var message in (await azurite.Queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
                {
                    findings.AddRange(Find($"queue {queue.Name}", message.Body.ToString()));
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted by another test meanwhile.
            }
        }

        await foreach (var container in azurite.Blobs.GetBlobContainersAsync())
        {
            var client = azurite.Blobs.GetBlobContainerClient(container.Name);
            try
            {
                await foreach (var blob in client.GetBlobsAsync())
                {
                    if (blob.Properties.ContentLength is < 1_000_000)
                    {
                        var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                        findings.AddRange(Find($"blob {container.Name}/{blob.Name}", content));
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted by another test meanwhile.
            }
        }

        findings.AddRange(Find("invocation response", invocationBody));
        Assert.True(scanned > 100, $"only {scanned} properties scanned");
        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));

        // Not vacuous: every needle does occur in what was sent.
        var sent = string.Join('\n', batch.Select(e => e.Body));
        Assert.All(Needles, n => Assert.Contains(n.Value, sent, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Find(string where, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        foreach (var (what, value) in Needles)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                yield return $"{what} found in {where}";
            }
        }
    }
}

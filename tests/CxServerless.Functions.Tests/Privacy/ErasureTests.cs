using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using CxServerless.Domain.Ingestion;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Functions.Tests.Ingestion;
using CxServerless.Testing;
using static CxServerless.Functions.Tests.Ingestion.IngestionClient;
using static CxServerless.Functions.Tests.Ingestion.TestCorpus;
using static CxServerless.Functions.Tests.Retention.RetentionApi;

namespace CxServerless.Functions.Tests.Privacy;

/// <summary>
/// Erasure requests through the real handler on Azurite, with the erasure workflow running in the hosted Durable Task
/// worker: a PII-laden run for two customers, an erasure of one, then a scan of every table, queue and task-hub blob
/// of the account for that customer's identifiers and pseudonyms. The pseudonyms are computed here from the test key,
/// not read from the handler.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ErasureTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Key = "functions-tests-pseudonym-key-0123456789";
    private const string AliceEmail = "alice.erasure.7731@example.org";
    private const string AlicePhone = "+44 20 7946 0731";
    private const string BobEmail = "bob.keeps.4410@example.org";

    private readonly IngestionTables _tables = new(azurite);
    private readonly string _requests = AzuriteFixture.UniqueName("er");
    private readonly string _holds = AzuriteFixture.UniqueName("lh");
    private readonly string _audit = AzuriteFixture.UniqueName("au");
    private readonly string _taskHub = "er" + Guid.NewGuid().ToString("N")[..16];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _tables.DeleteAsync();
        foreach (var name in new[] { _requests, _holds, _audit })
        {
            await azurite.Tables.GetTableClient(name).DeleteAsync();
        }
    }

    [Fact]
    public async Task Erasing_a_customer_leaves_no_row_that_refers_to_them_and_the_kpis_still_add_up()
    {
        using var server = Server();
        using var client = server.Client();
        await IngestCorpusAsync(client);
        var alice = Pseudonyms(AliceEmail, AlicePhone);
        var bob = Pseudonyms(BobEmail, null);
        Assert.NotEmpty(await FindAsync(alice)); // the scan finds them before: it is not vacuous
        var indexRows = await _tables.RowsAsync(_tables.CustomerIndex);
        Assert.Equal(4 * 2, indexRows.Count(r => alice.Any(p => r.RowKey.StartsWith(p + "|", StringComparison.Ordinal))));
        var (_, before) = await OpsAsync(client, "OpsAdmin");
        var bucketsBefore = await SnapshotAsync(_tables.MetricBuckets);

        // Upper case and spaces: the address is normalised as ingestion normalised it.
        var receipt = await EraseAsync(client, "email", "  Alice.Erasure.7731@EXAMPLE.org ");

        Assert.Equal("completed", receipt["status"]!.GetValue<string>());
        Assert.Equal("email", receipt["identifierType"]!.GetValue<string>());
        Assert.Equal(4, Line(receipt, "events", "deleted"));
        Assert.Equal(4 * 2, Line(receipt, "customerIndex", "deleted"));
        Assert.Equal(2, Line(receipt, "firstContacts", "deleted")); // the ContactStarted and the ContactEnded due to settle
        Assert.Contains("1 other pseudonym", Note(receipt, "events", "deleted"), StringComparison.Ordinal);
        Assert.Equal("kept", Action(receipt, "metricBuckets"));
        Assert.Empty(await FindAsync(alice));

        // Bob is untouched, and the aggregates are exactly as they were.
        Assert.Equal(2, (await _tables.RowsAsync(_tables.Events)).Count(r => r.GetString("CustomerKey") == bob[0]));
        var (_, after) = await OpsAsync(client, "OpsAdmin");
        Assert.Equal(before!.ToJsonString(), after!.ToJsonString());
        AssertAddsUp(after);
        Assert.Equal(bucketsBefore, await SnapshotAsync(_tables.MetricBuckets));

        // The erasure is audited under the request id, without the identifier.
        var audit = await RowsAsync(_audit);
        Assert.Contains(audit, r => r.GetString("Action") == "privacy.erasure"
            && r.GetString("Target") == receipt["requestId"]!.GetValue<string>());

        // A second request for the same person finds nothing more.
        var again = await EraseAsync(client, "phone", "0044 (20) 7946-0731");
        Assert.Equal("completed", again["status"]!.GetValue<string>());
        Assert.Equal(0, Line(again, "events", "deleted"));
    }

    [Fact]
    public async Task A_customer_under_legal_hold_is_not_erased_and_the_receipt_says_why()
    {
        using var server = Server();
        using var client = server.Client();
        await IngestCorpusAsync(client);
        var alice = Pseudonyms(AliceEmail, AlicePhone);
        var (status, _) = await CallAsync(client, "LegalHoldPut", "OpsAdmin", "PUT",
            new JsonObject { ["kind"] = "customer", ["id"] = alice[0] }, body: """{"reason":"dispute 42"}""");
        Assert.Equal(201, status);

        var receipt = await EraseAsync(client, "customerKey", alice[0]);

        Assert.Equal("held", receipt["status"]!.GetValue<string>());
        Assert.Empty(receipt["receipt"]!.AsArray());
        Assert.Equal(4, (await _tables.RowsAsync(_tables.Events)).Count(r => r.GetString("CustomerKey") == alice[0]));
    }

    [Theory]
    [InlineData("", "JSON")]
    [InlineData("{ broken", "JSON")]
    [InlineData("""{"identifierType":"passport","value":"X1"}""", "identifierType must be one of")]
    [InlineData("""{"identifierType":"email"}""", "value is required")]
    [InlineData("""{"identifierType":"email","value":"not an address"}""", "not an e-mail")]
    [InlineData("""{"identifierType":"phone","value":"12-34"}""", "at least 6 digits")]
    [InlineData("""{"identifierType":"account","value":"ACC-1"}""", "sourceSystem is required")]
    [InlineData("""{"identifierType":"customerKey","value":"c-k1-xyz"}""", "not a customer pseudonym")]
    public async Task A_request_that_names_no_customer_is_refused_with_the_reason_and_nothing_is_stored(string body, string reason)
    {
        using var server = Server();
        using var client = server.Client();

        var (status, problem) = await CallAsync(client, "ErasureCreate", "OpsAdmin", "POST", body: body);

        Assert.Equal(400, status);
        Assert.Contains(reason, problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(_requests));
    }

    [Fact]
    public async Task Status_of_an_unknown_or_malformed_request_id_is_404_or_400_and_a_huge_body_is_413()
    {
        using var server = Server();
        using var client = server.Client();

        Assert.Equal(404, (await CallAsync(client, "ErasureGet", "Auditor", "GET",
            new JsonObject { ["id"] = "er-" + new string('0', 32) })).Status);
        Assert.Equal(400, (await CallAsync(client, "ErasureGet", "Auditor", "GET", new JsonObject { ["id"] = "er-1" })).Status);
        var huge = new JsonObject { ["identifierType"] = "email", ["value"] = "a@b.c", ["pad"] = new string('x', 5000) }.ToJsonString();
        Assert.Equal(413, (await CallAsync(client, "ErasureCreate", "OpsAdmin", "POST", body: huge)).Status);
    }

    private HandlerServer Server()
    {
        var settings = new Dictionary<string, string>(_tables.Settings)
        {
            ["CxErasureRequestsTable"] = _requests,
            ["CxLegalHoldsTable"] = _holds,
            ["CxAuditTable"] = _audit,
            ["Workflows:TaskHub"] = _taskHub,
        };
        return new HandlerServer(azurite.ConnectionString, settings: settings);
    }

    private async Task IngestCorpusAsync(HttpClient client)
    {
        var now = DateTimeOffset.UtcNow;
        const string text = "Please call me back on +44 20 7946 0731 or write to alice.erasure.7731@example.org";
        await IngestAsync(client, _tables.EventHub, "0",
        [
            At(Canonical("er-a1", now.AddMinutes(-9), "conv-a", "ContactStarted", email: AliceEmail, phone: AlicePhone), 1, now),
            At(Canonical("er-a2", now.AddMinutes(-8), "conv-a", text: text, email: AliceEmail, phone: AlicePhone), 2, now),
            At(Canonical("er-a3", now.AddMinutes(-7), "conv-a", "SurveyResponse", "survey", email: AliceEmail, phone: AlicePhone,
                csat: 2), 3, now),
            At(Canonical("er-b1", now.AddMinutes(-6), "conv-b", "ContactStarted", email: BobEmail), 4, now),
            At(Canonical("er-b2", now.AddMinutes(-5), "conv-b", "SurveyResponse", "survey", email: BobEmail, csat: 5), 5, now),
            At(Canonical("er-a4", now.AddMinutes(-4), "conv-a", "ContactEnded", email: AliceEmail, phone: AlicePhone,
                outcome: "Resolved"), 6, now),
        ]);
    }

    private static string[] Pseudonyms(string email, string? phone)
    {
        using var pseudonymizer = new Pseudonymizer(Encoding.UTF8.GetBytes(Key));
        var email1 = pseudonymizer.Customer(new CustomerIdentifier(IdentifierKind.Email, email), "canonical");
        return phone is null
            ? [email1]
            : [email1, pseudonymizer.Customer(new CustomerIdentifier(IdentifierKind.Phone, phone), "canonical")];
    }

    private static async Task<JsonObject> EraseAsync(HttpClient client, string type, string value)
    {
        var body = new JsonObject { ["identifierType"] = type, ["value"] = value }.ToJsonString();
        var (status, accepted) = await CallAsync(client, "ErasureCreate", "OpsAdmin", "POST", body: body);
        Assert.Equal(202, status);
        var id = accepted!["requestId"]!.GetValue<string>();
        Assert.Equal("/api/privacy/erasure/" + id, accepted["statusUri"]!.GetValue<string>());
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (code, request) = await CallAsync(client, "ErasureGet", "Auditor", "GET", new JsonObject { ["id"] = id });
            Assert.Equal(200, code);
            if (request!["status"]!.GetValue<string>() is "completed" or "held")
            {
                return request.AsObject();
            }

            Assert.True(DateTime.UtcNow < deadline, "the erasure did not finish in 60 s: " + request.ToJsonString());
            await Task.Delay(250);
        }
    }

    private static JsonObject Item(JsonObject receipt, string dataClass, string action) =>
        receipt["receipt"]!.AsArray().Select(i => i!.AsObject())
            .Single(i => i["dataClass"]!.GetValue<string>() == dataClass && i["action"]!.GetValue<string>() == action);

    private static long Line(JsonObject receipt, string dataClass, string action) =>
        Item(receipt, dataClass, action)["count"]!.GetValue<long>();

    private static string Note(JsonObject receipt, string dataClass, string action) =>
        Item(receipt, dataClass, action)["note"]!.GetValue<string>();

    private static string Action(JsonObject receipt, string dataClass) =>
        receipt["receipt"]!.AsArray().Single(i => i!["dataClass"]!.GetValue<string>() == dataClass)!["action"]!.GetValue<string>();

    /// <summary>Every place in the account that mentions the customer: table properties, queue messages, task-hub blobs.</summary>
    private async Task<List<string>> FindAsync(string[] pseudonyms)
    {
        var needles = pseudonyms.Concat([AliceEmail, "7946 0731", "79460731"]).ToList();
        var found = new List<string>();
        void Look(string where, string? text)
        {
            if (text is not null && needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
            {
                found.Add(where);
            }
        }

        await foreach (var table in azurite.Tables.QueryAsync())
        {
            try
            {
                await foreach (var entity in azurite.Tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
                {
                    foreach (var (property, value) in entity)
                    {
                        Look($"{table.Name}/{entity.PartitionKey}/{entity.RowKey}/{property}", value?.ToString());
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // another test dropped its table meanwhile
            }
        }

        var queues = new Azure.Storage.Queues.QueueServiceClient(azurite.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: _taskHub.ToLowerInvariant()))
        {
            var peeked = await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32);
            foreach (var message in peeked.Value)
            {
                Look($"queue {queue.Name}", message.Body.ToString());
            }
        }

        var blobs = new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: _taskHub.ToLowerInvariant()))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = await client.GetBlobClient(blob.Name).DownloadContentAsync();
                Look($"blob {container.Name}/{blob.Name}", content.Value.Content.ToString());
            }
        }

        return found;
    }

    private async Task<List<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in azurite.Tables.GetTableClient(table).QueryAsync<TableEntity>())
            {
                rows.Add(row);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // not created: no rows
        }

        return rows;
    }

    private async Task<string> SnapshotAsync(string table) =>
        string.Join('\n', (await RowsAsync(table))
            .Select(r => r.PartitionKey + "/" + r.RowKey + "/" + string.Join(',', r.Where(p => p.Key is not ("odata.etag" or "Timestamp"))
                .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))));
}

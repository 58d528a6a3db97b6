using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using static CxServerless.Functions.Tests.Ingestion.IngestionClient;
using static CxServerless.Functions.Tests.Ingestion.TestCorpus;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>
/// Ingests a corpus seeded with e-mails, phones, card numbers, IBANs and SSNs, then reads every property of every
/// entity of every table in the storage account straight from Azurite and looks for the seeds in the clear.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class PiiScanTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly IngestionTables _tables = new(azurite);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _tables.DeleteAsync();

    private static List<TestEvent> Corpus(PiiSeeds s, DateTimeOffset now)
    {
        var text = s.Text();
        var caseCreated = new JsonObject
        {
            ["payload"] = new JsonObject
            {
                ["ChangeEventHeader"] = new JsonObject
                {
                    ["entityName"] = "Case",
                    ["changeType"] = "CREATE",
                    ["recordIds"] = new JsonArray("500PII0001"),
                    ["transactionKey"] = "tx-pii",
                    ["sequenceNumber"] = 1,
                    ["commitTimestamp"] = now.AddSeconds(-10).ToUnixTimeMilliseconds(),
                },
                ["Origin"] = "Email",
                ["Status"] = "New",
                ["Description"] = text,
                ["SuppliedEmail"] = s.Email2,
                ["SuppliedPhone"] = s.PhoneNanp,
            },
        }.ToJsonString();
        var ctr = new JsonObject
        {
            ["AWSContactTraceRecordFormatVersion"] = "2017-03-10",
            ["ContactId"] = "ctr-pii",
            ["Channel"] = "VOICE",
            ["InitiationTimestamp"] = now.AddMinutes(-5).ToString("O"),
            ["DisconnectTimestamp"] = now.AddMinutes(-1).ToString("O"),
            ["CustomerEndpoint"] = new JsonObject { ["Address"] = s.PhoneIntl, ["Type"] = "TELEPHONE_NUMBER" },
            ["Agent"] = new JsonObject { ["ARN"] = "arn:aws:connect:eu-west-2:1:instance/x/agent/a", ["AgentInteractionDuration"] = 60 },
            ["Attributes"] = new JsonObject { ["note"] = text },
        }.ToJsonString();
        return
        [
            At(Canonical("pii-1", now.AddSeconds(-5), text: text, email: s.Email, phone: s.PhoneIntl), 1, now),
            At(Canonical("pii-2", now.AddSeconds(-5), conversation: s.Email, text: "conversation keyed by e-mail"), 2, now),
            At(Canonical("pii-3", now.AddSeconds(-5), text: text, csat: 42, type: "SurveyResponse", channel: "survey"), 3, now),
            At(caseCreated, 4, now),
            At(ctr, 5, now),
            At("{ broken json " + text, 6, now),
            At(new JsonObject { ["mystery"] = text, ["email"] = s.Email }.ToJsonString(), 7, now),
            At(Canonical(s.Email, now.AddSeconds(-5), text: "event id is an e-mail"), 8, now),
            At(Canonical("pii-9", now.AddDays(30), text: text), 9, now),
        ];
    }

    [Fact]
    public async Task After_ingesting_a_seeded_corpus_no_table_in_the_account_holds_a_seed_in_the_clear()
    {
        var seeds = new PiiSeeds();
        var now = DateTimeOffset.UtcNow;
        string invocationBody;
        using (var server = new HandlerServer(azurite.ConnectionString, """{"version":"2.0","functionTimeout":"00:01:00"}""", _tables.Settings))
        using (var client = server.Client())
        {
            using var response = await InvokeAsync(client, _tables.EventHub, "0", Corpus(seeds, now));
            invocationBody = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, invocationBody);
            var (_, totals) = await OpsAsync(client, "OpsAdmin");
            Assert.Equal(9, Long(totals!["received"]));
            Assert.True(Long(totals["stored"]) >= 5, totals.ToJsonString());
            Assert.True(Long(totals["quarantinedTotal"]) >= 3, totals.ToJsonString());
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
                        findings.AddRange(Find(seeds, $"{table.Name}/{entity.PartitionKey}/{entity.RowKey}/{property}", value?.ToString()));
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Another test deleted its table while we listed: nothing of ours was in it.
            }
        }

        findings.AddRange(Find(seeds, "invocation response", invocationBody));
        Assert.True(scanned > 50, $"only {scanned} properties scanned");
        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));

        // The scan is not vacuous: the seeds' compact forms do occur in the text we ingested.
        Assert.NotEmpty(Find(seeds, "corpus", Corpus(seeds, now)[0].Body));
    }

    private static IEnumerable<string> Find(PiiSeeds seeds, string where, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var compact = PiiSeeds.Compact(text);
        foreach (var (name, needle) in seeds.Needles())
        {
            if (text.Contains(needle, StringComparison.OrdinalIgnoreCase) || compact.Contains(PiiSeeds.Compact(needle), StringComparison.Ordinal))
            {
                yield return $"{name} found in {where}";
            }
        }
    }
}

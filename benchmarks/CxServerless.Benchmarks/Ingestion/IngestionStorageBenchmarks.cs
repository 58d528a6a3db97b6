using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using CxServerless.Domain.Ingestion;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Functions.Ingestion;
using CxServerless.Functions.Invocation;
using CxServerless.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CxServerless.Benchmarks.Ingestion;

/// <summary>
/// <c>IngestCxEvents</c> on Azurite with the real table clients: batches of 1, 10 and 100 events (100 is the host's
/// maxEventBatchSize) from the benchmark corpus, counting every storage request with an <see cref="RequestCountingPolicy"/>.
/// The figure that matters is the Tx/stored event column (aim at most 0.05 at 100); the time is Azurite's, not Azure's.
/// </summary>
[Config(typeof(Config))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 20, invocationCount: 1)]
public class IngestionStorageBenchmarks
{
    private readonly RequestCountingPolicy _counter = new();
    private readonly RequestCountingPolicy _firstContactsCounter = new();
    private readonly AzuriteFixture _azurite = new();
    private IngestCxEventsFunction _function = null!;
    private IngestionCounterStore _counters = null!;
    private TableServiceClient _tables = null!;
    private IngestionOptions _options = null!;
    private string _bucketsTable = null!;
    private string _lateTable = null!;
    private string _indexTable = null!;
    private string _firstContactsTable = null!;
    private Azure.Storage.Queues.QueueClient _sentimentQueue = null!;
    private long _sequence;

    /// <summary>How many table partitions each hour of events is spread over (setting CxIngestPartitionBuckets).</summary>
    [Params(2, 4)]
    public int Buckets { get; set; }

    /// <summary>Events per invocation: one, ten, or the host's maxEventBatchSize.</summary>
    [Params(1, 10, 100)]
    public int BatchSize { get; set; }

    /// <summary>Starts from empty tables with counting clients.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _azurite.InitializeAsync().GetAwaiter().GetResult();
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(_counter, HttpPipelinePosition.PerRetry);
        _tables = new TableServiceClient(_azurite.ConnectionString, clientOptions);
        _options = new IngestionOptions
        {
            PseudonymKey = "benchmark-pseudonym-key-0123456789abcdef",
            EventsTable = AzuriteFixture.UniqueName("benchev"),
            QuarantineTable = AzuriteFixture.UniqueName("benchqu"),
            CountersTable = AzuriteFixture.UniqueName("benchco"),
            PartitionBuckets = Buckets,
        };
        var pipeline = new IngestionPipeline(SourceAdapters.Registry(), new Pseudonymizer(_options.KeyBytes()), new IngestionLimits());
        var store = new IngestionStore(_tables.GetTableClient(_options.EventsTable), _tables.GetTableClient(_options.QuarantineTable));
        _counters = new IngestionCounterStore(_tables.GetTableClient(_options.CountersTable));
        // The KPI writer runs in every invocation, so its requests count too.
        var rules = CxServerless.Domain.Analytics.Rules.DefaultRules.Load();
        _bucketsTable = AzuriteFixture.UniqueName("benchmb");
        _lateTable = AzuriteFixture.UniqueName("benchla");
        _indexTable = AzuriteFixture.UniqueName("benchci");
        _firstContactsTable = AzuriteFixture.UniqueName("benchfc");

        // The sentiment pipeline's sink: one queue write per batch with text, counted like the table requests.
        var queueOptions = new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.None };
        queueOptions.AddPolicy(_counter, HttpPipelinePosition.PerRetry);
        _sentimentQueue = new Azure.Storage.Queues.QueueClient(
            _azurite.ConnectionString, AzuriteFixture.UniqueName("benchsq"), queueOptions);
        var analytics = new CxServerless.Functions.Analytics.AnalyticsWriter(
            new CxServerless.Functions.Analytics.MetricBucketStore(_tables.GetTableClient(_bucketsTable)),
            new CxServerless.Functions.Analytics.LateEventStore(_tables.GetTableClient(_lateTable)),
            rules, TimeProvider.System, NullLogger<CxServerless.Functions.Analytics.AnalyticsWriter>.Instance,
            new CxServerless.Functions.Analytics.FirstContactStore(FirstContactsClient(), Buckets));
        _function = new IngestCxEventsFunction(
            pipeline,
            store,
            _counters,
            new CxServerless.Functions.Privacy.CustomerIndexStore(_tables.GetTableClient(_indexTable), Buckets),
            analytics,
            [new CxServerless.Functions.Sentiment.SentimentEnqueuer(_sentimentQueue)],
            Options.Create(_options),
            TimeProvider.System,
            NullLogger<IngestCxEventsFunction>.Instance);
    }

    /// <summary>One invocation of <see cref="BatchSize"/> fresh events.</summary>
    [Benchmark]
    public async Task IngestBatch()
    {
        var result = await _function.InvokeAsync(NextBatch(), CancellationToken.None);
        if (result.Failed)
        {
            throw new InvalidOperationException(result.Error);
        }
    }

    /// <summary>Writes the amortised figure for the summary column, then drops the tables.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        var requests = _counter.Requests;
        var (totals, _) = _counters.ReadAllAsync(CancellationToken.None).GetAwaiter().GetResult();
        var perEvent = totals.All.Stored == 0 ? double.NaN : (double)requests / totals.All.Stored;
        File.WriteAllText(TransactionsPerEventColumn.ResultFile(Buckets, BatchSize),
            string.Create(
                CultureInfo.InvariantCulture,
                $"{perEvent:0.0000} ({requests} requests, {_firstContactsCounter.Requests} of them first-contact state, "
                + $"/ {totals.All.Stored} stored, {totals.All.QuarantinedTotal} quarantined)"));
        foreach (var name in new[] { _options.EventsTable, _options.QuarantineTable, _options.CountersTable })
        {
            _tables.DeleteTable(name);
        }

        foreach (var name in new[] { _bucketsTable, _lateTable, _indexTable, _firstContactsTable })
        {
            _tables.DeleteTable(name);
        }

        _sentimentQueue.DeleteIfExists();
        _azurite.DisposeAsync().GetAwaiter().GetResult();
    }

    // The first-contact-resolution table's requests count in the total and, separately, as its share.
    private TableClient FirstContactsClient()
    {
        var options = new TableClientOptions();
        options.AddPolicy(_counter, HttpPipelinePosition.PerRetry);
        options.AddPolicy(_firstContactsCounter, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(_azurite.ConnectionString, options).GetTableClient(_firstContactsTable);
    }

    private InvocationRequest NextBatch()
    {
        var now = DateTimeOffset.UtcNow;
        var bodies = IngestionCorpus.Bodies(BatchSize, now, _sequence, contacts: true);
        var data = new JsonArray();
        var sequences = new JsonArray();
        var enqueued = new JsonArray();
        foreach (var body in bodies)
        {
            data.Add(body);
            sequences.Add(_sequence++);
            enqueued.Add(now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture));
        }

        var metadata = new JsonObject
        {
            ["PartitionContext"] = new JsonObject { ["PartitionId"] = "0", ["EventHubName"] = "bench", ["ConsumerGroup"] = "$Default" },
            ["SequenceNumberArray"] = sequences.ToJsonString(),
            ["EnqueuedTimeUtcArray"] = enqueued.ToJsonString(),
        };
        return new InvocationRequest(
            IngestCxEventsFunction.FunctionName, "bench", new JsonObject { ["events"] = data.ToJsonString() }, metadata);
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new TransactionsPerEventColumn());
    }
}

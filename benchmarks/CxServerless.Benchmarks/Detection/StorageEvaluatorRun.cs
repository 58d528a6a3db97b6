using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Ingestion;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Rules;
using CxServerless.Testing;
using CxSim.Detection;
using CxSim.Generation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Benchmarks.Detection;

/// <summary>
/// One run through the handler's own storage path on Azurite, in simulated time: every wire body goes through the real
/// <see cref="IngestionPipeline"/> and the real <see cref="AnalyticsWriter"/> into MetricBuckets (one source partition
/// per conversation hash, as Event Hubs would deliver them, every <see cref="DeliveryTick"/>), and the real
/// <see cref="EvaluateAlertsFunction"/> (with <see cref="KpiReadModel"/>, <see cref="AlertStore"/>,
/// <see cref="ActiveRules"/> over RulesVersions) runs once per simulated minute on a <see cref="FakeTimeProvider"/>.
/// At random points (seeded) the whole handler state is thrown away and built again, as after a process restart: the
/// evaluator then replays its warm-up from stored buckets and continues the stored alerts. The alerts scored are the
/// rows of the Alerts table. Events are not written to CxEvents (the evaluator never reads them).
/// </summary>
internal sealed class StorageEvaluatorRun(
    string connectionString, string rulesJson, int restartSeed, double meanHoursBetweenRestarts, Action<string>? progress = null)
{
    private const int Partitions = 3;
    private static readonly TimeSpan DeliveryTick = TimeSpan.FromSeconds(15);

    // The same delivery delays (0.2-3 s) as the in-memory replay, so both paths see the same lateness.
    private static readonly ReplayOptions Delivery = new();
    private static readonly IReadOnlyDictionary<string, string> NoProperties = new Dictionary<string, string>();

    /// <summary>The simulated times at which the handler state was thrown away and built again.</summary>
    public List<DateTimeOffset> RestartTimes { get; } = [];

    /// <summary>How many times the handler state was thrown away.</summary>
    public int Restarts => RestartTimes.Count;

    /// <summary>Evaluation passes run.</summary>
    public int Passes { get; private set; }

    /// <summary>Plays <paramref name="events"/> and returns every stored alert as an opening transition.</summary>
    public async Task<IReadOnlyList<RaisedTransition>> RunAsync(IReadOnlyList<SimulatedEvent> events, CancellationToken cancellationToken)
    {
        var tables = new TableServiceClient(connectionString);
        var queues = new QueueServiceClient(connectionString);
        var rules = RuleSetParser.ParseOrThrow(rulesJson);
        var deployed = new DeployedRules(rulesJson, rules);
        var options = Options.Create(new AnalyticsOptions
        {
            MetricBucketsTable = AzuriteFixture.UniqueName("detmb"),
            AlertsTable = AzuriteFixture.UniqueName("detal"),
            RulesVersionsTable = AzuriteFixture.UniqueName("detrv"),
            BaselinesTable = AzuriteFixture.UniqueName("detbl"),
            LateEventsTable = AzuriteFixture.UniqueName("detle"),
            AlertsQueue = AzuriteFixture.UniqueName("detq"),
        });
        var o = options.Value;
        var pipeline = new IngestionPipeline(
            SourceAdapters.Registry(),
            new Pseudonymizer(Encoding.UTF8.GetBytes("detection-harness-pseudonym-key-0123456789")),
            new IngestionLimits());
        var first = events[0].EventTime;
        var time = new FakeTimeProvider(first);
        var restarts = new Random(restartSeed);
        var nextRestart = first + NextGap(restarts);
        var sequences = new long[Partitions];
        Handler Start() => new(
            new AnalyticsWriter(
                new MetricBucketStore(tables.GetTableClient(o.MetricBucketsTable)),
                new LateEventStore(tables.GetTableClient(o.LateEventsTable)),
                rules, time, NullLogger<AnalyticsWriter>.Instance),
            new KpiReadModel(new MetricBucketStore(tables.GetTableClient(o.MetricBucketsTable)), rules, options, time),
            new AlertStore(tables.GetTableClient(o.AlertsTable), queues.GetQueueClient(o.AlertsQueue), time),
            new BaselineStore(tables.GetTableClient(o.BaselinesTable)),
            new ActiveRules(new RulesVersionStore(tables.GetTableClient(o.RulesVersionsTable), deployed, time)),
            options,
            time);

        var handler = Start();
        try
        {
            var arrivals = events
                .Select(e => (Event: e, Arrival: e.EventTime + AlertReplay.DelayOf(e, Delivery)))
                .OrderBy(a => a.Arrival).ThenBy(a => a.Event.Sequence)
                .ToList();
            var next = 0;
            var now = Ceiling(first, DeliveryTick);
            var lastEvaluated = now;
            var end = arrivals[^1].Arrival + rules.EventTime.IdleTimeout + rules.EventTime.AllowedLateness + TimeSpan.FromMinutes(2);
            while (now <= end)
            {
                var batches = new List<SequencedEvent>?[Partitions];
                for (; next < arrivals.Count && arrivals[next].Arrival <= now; next++)
                {
                    var e = arrivals[next].Event;
                    var partition = AlertReplay.PartitionOf(e, Partitions);
                    var at = arrivals[next].Arrival;
                    var id = partition.ToString(CultureInfo.InvariantCulture);
                    if (pipeline.Process(new RawEvent(e.Body, id, sequences[partition]++, at, NoProperties), at).Event is { } cxEvent)
                    {
                        (batches[partition] ??= []).Add(new SequencedEvent(cxEvent, sequences[partition]));
                    }
                }

                time.SetUtcNow(now);
                for (var p = 0; p < Partitions; p++)
                {
                    if (batches[p] is { } batch)
                    {
                        await handler.Writer.ApplyAsync(p.ToString(CultureInfo.InvariantCulture), batch, cancellationToken);
                    }
                }

                if (now - lastEvaluated >= TimeSpan.FromMinutes(1))
                {
                    if (now >= nextRestart)
                    {
                        handler.Dispose();
                        handler = Start();
                        RestartTimes.Add(now);
                        nextRestart = now + NextGap(restarts);
                    }

                    await handler.Evaluator.EvaluateAsync(cancellationToken);
                    Passes++;
                    if (Passes % 120 == 0)
                    {
                        progress?.Invoke($"simulated {now:ddd HH:mm}, {Passes} passes, {Restarts} restarts");
                    }
                    lastEvaluated = now;
                }

                now += DeliveryTick;
            }

            var stored = await handler.Alerts.ListAsync(cancellationToken, fresh: true);
            return [.. stored
                .OrderBy(s => s.Alert.OpenedAt)
                .Select(s => new RaisedTransition(
                    new AlertTransition(AlertTransitionKind.Opened, s.Alert with { Status = AlertStatus.Open }), s.Alert.OpenedAt))];
        }
        finally
        {
            handler.Dispose();
            foreach (var table in new[] { o.MetricBucketsTable, o.AlertsTable, o.RulesVersionsTable, o.BaselinesTable, o.LateEventsTable })
            {
                await tables.DeleteTableAsync(table, CancellationToken.None);
            }

            await queues.DeleteQueueAsync(o.AlertsQueue, CancellationToken.None);
        }
    }

    private TimeSpan NextGap(Random random) =>
        TimeSpan.FromHours(meanHoursBetweenRestarts * (0.5 + random.NextDouble()));

    private static DateTimeOffset Ceiling(DateTimeOffset time, TimeSpan step) =>
        new((time.UtcTicks + step.Ticks - 1) / step.Ticks * step.Ticks, TimeSpan.Zero);

    private sealed class Handler(
        AnalyticsWriter writer, KpiReadModel readModel, AlertStore alerts, BaselineStore baselines, ActiveRules activeRules,
        IOptions<AnalyticsOptions> options, TimeProvider time) : IDisposable
    {
        public AnalyticsWriter Writer { get; } = writer;

        public AlertStore Alerts { get; } = alerts;

        public EvaluateAlertsFunction Evaluator { get; } =
            new(readModel, alerts, baselines, activeRules, options, time, NullLogger<EvaluateAlertsFunction>.Instance);

        public void Dispose()
        {
            Evaluator.Dispose();
            readModel.Dispose();
            activeRules.Dispose();
        }
    }
}

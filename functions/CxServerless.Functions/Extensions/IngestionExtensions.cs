using CxServerless.Domain.Ingestion;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Functions.Configuration;
using CxServerless.Functions.Ingestion;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Storage;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Extensions;

/// <summary>Wires ingestion: options (validated at start-up), the pipeline, the stores and the two functions.</summary>
public static class IngestionExtensions
{
    /// <summary>Registers <c>IngestCxEvents</c> and <c>OpsIngestion</c> with their services.</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.PseudonymKey = configuration[HandlerSettings.PseudonymKey];
                o.PseudonymKeyId = configuration[HandlerSettings.PseudonymKeyId] is { Length: > 0 } keyId ? keyId.Trim() : o.PseudonymKeyId;
                o.EventsTable = configuration[HandlerSettings.EventsTable] ?? o.EventsTable;
                o.QuarantineTable = configuration[HandlerSettings.QuarantineTable] ?? o.QuarantineTable;
                o.CountersTable = configuration[HandlerSettings.IngestCountersTable] ?? o.CountersTable;
                o.CustomerIndexTable = configuration[HandlerSettings.CustomerIndexTable] ?? o.CustomerIndexTable;
                o.PartitionBuckets = configuration[HandlerSettings.IngestPartitionBuckets] is { Length: > 0 } buckets
                    ? int.TryParse(buckets, System.Globalization.CultureInfo.InvariantCulture, out var b) ? b : 0
                    : o.PartitionBuckets;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestionOptions>, PseudonymKeyValidation>();

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IngestionOptions>>().Value;
            return new Pseudonymizer(o.KeyBytes(), o.PseudonymKeyId);
        });
        services.AddSingleton(sp =>
            new IngestionPipeline(SourceAdapters.Registry(), sp.GetRequiredService<Pseudonymizer>(), new IngestionLimits()));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IngestionOptions>>().Value;
            var tables = sp.GetRequiredService<StorageAccount>().Tables;
            return new IngestionStore(tables.GetTableClient(o.EventsTable), tables.GetTableClient(o.QuarantineTable));
        });
        services.AddSingleton(sp => new IngestionCounterStore(sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(
            sp.GetRequiredService<IOptions<IngestionOptions>>().Value.CountersTable)));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IngestionOptions>>().Value;
            return new Privacy.CustomerIndexStore(
                sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(o.CustomerIndexTable), o.PartitionBuckets);
        });
        services.AddSingleton<IFunctionHandler, IngestCxEventsFunction>();
        services.AddSingleton<IFunctionHandler, OpsIngestionFunction>();
        return services;
    }
}

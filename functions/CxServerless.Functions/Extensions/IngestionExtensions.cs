using CxServerless.Domain.Ingestion;
using CxServerless.Domain.Ingestion.Privacy;
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
            .Configure<IConfiguration>((o, c) =>
            {
                o.PseudonymKey = c["CxPseudonymKey"];
                o.EventsTable = c["CxEventsTable"] ?? o.EventsTable;
                o.QuarantineTable = c["CxQuarantineTable"] ?? o.QuarantineTable;
                o.CountersTable = c["CxIngestCountersTable"] ?? o.CountersTable;
                o.PartitionBuckets = int.TryParse(c["CxIngestPartitionBuckets"], System.Globalization.CultureInfo.InvariantCulture, out var b) ? b : o.PartitionBuckets;
            })
            .ValidateDataAnnotations()
            .Validate(o => o.KeyBytes().Length >= Pseudonymizer.MinimumKeyBytes,
                $"Setting 'CxPseudonymKey' must be at least {Pseudonymizer.MinimumKeyBytes} bytes.")
            .ValidateOnStart();

        services.AddSingleton(sp => new Pseudonymizer(sp.GetRequiredService<IOptions<IngestionOptions>>().Value.KeyBytes()));
        services.AddSingleton(sp => new IngestionPipeline(SourceAdapters.Registry(), sp.GetRequiredService<Pseudonymizer>(), new IngestionLimits()));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IngestionOptions>>().Value;
            var tables = sp.GetRequiredService<StorageAccount>().Tables;
            return new IngestionStore(tables.GetTableClient(o.EventsTable), tables.GetTableClient(o.QuarantineTable));
        });
        services.AddSingleton(sp => new IngestionCounterStore(sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(
            sp.GetRequiredService<IOptions<IngestionOptions>>().Value.CountersTable)));
        services.AddSingleton<IFunctionHandler, IngestCxEventsFunction>();
        services.AddSingleton<IFunctionHandler, OpsIngestionFunction>();
        return services;
    }
}

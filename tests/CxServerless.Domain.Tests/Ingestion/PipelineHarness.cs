using System.Text;
using CxServerless.Domain.Ingestion;
using CxServerless.Domain.Ingestion.Privacy;

namespace CxServerless.Domain.Tests.Ingestion;

/// <summary>Runs bodies through a pipeline with a fixed test key, as the handler would.</summary>
internal static class PipelineHarness
{
    public static readonly Pseudonymizer Pseudonyms = new(Encoding.UTF8.GetBytes("test-only-pseudonym-key-0123456789abcdef"));

    public static readonly IngestionPipeline Pipeline = new(SourceAdapters.Registry(), Pseudonyms, new IngestionLimits());

    public static IngestionOutcome Run(string body, DateTimeOffset enqueued, IReadOnlyDictionary<string, string>? properties = null, long sequence = 42) =>
        Pipeline.Process(new RawEvent(body, "0", sequence, enqueued, properties ?? new Dictionary<string, string>()), enqueued);

    public static IngestionOutcome RunAt(string body, string enqueuedUtc, IReadOnlyDictionary<string, string>? properties = null) =>
        Run(body, DateTimeOffset.Parse(enqueuedUtc, System.Globalization.CultureInfo.InvariantCulture), properties);

    /// <summary>A pipeline of its own (its own case → channel memory), for tests that depend on what it saw before.</summary>
    public static IngestionPipeline Fresh() => new(SourceAdapters.Registry(), Pseudonyms, new IngestionLimits());

    /// <summary>Every outcome of one body.</summary>
    public static IReadOnlyList<IngestionOutcome> RunAll(
        IngestionPipeline pipeline, string body, string enqueuedUtc, IReadOnlyDictionary<string, string>? properties = null)
    {
        var enqueued = DateTimeOffset.Parse(enqueuedUtc, System.Globalization.CultureInfo.InvariantCulture);
        return pipeline.ProcessAll(new RawEvent(body, "0", 42, enqueued, properties ?? new Dictionary<string, string>()), enqueued);
    }

    public static string Customer(IdentifierKind kind, string value, string source) => Pseudonyms.Customer(new CustomerIdentifier(kind, value), source);
}

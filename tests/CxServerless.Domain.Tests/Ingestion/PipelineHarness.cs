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

    public static string Customer(IdentifierKind kind, string value, string source) => Pseudonyms.Customer(new CustomerIdentifier(kind, value), source);
}

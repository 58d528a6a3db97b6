using System.ComponentModel.DataAnnotations;
using System.Text;

namespace CxServerless.Functions.Ingestion;

/// <summary>Ingestion settings, validated at start-up: a missing or weak pseudonym key stops the handler with its name.</summary>
public sealed class IngestionOptions
{
    /// <summary>
    /// Setting <c>CxPseudonymKey</c>: the secret that keys the HMAC-SHA256 pseudonyms of customers and agents (Key Vault
    /// reference in Azure). At least 32 bytes. Changing it changes every pseudonym.
    /// </summary>
    [Required(ErrorMessage = "Setting 'CxPseudonymKey' is required: the secret (at least 32 bytes) that keys customer and agent pseudonyms.")]
    public string? PseudonymKey { get; set; }

    /// <summary>Setting <c>CxEventsTable</c>: the table of stored canonical events.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxEventsTable' must be a valid table name.")]
    public string EventsTable { get; set; } = "CxEvents";

    /// <summary>Setting <c>CxQuarantineTable</c>: the table of quarantined events.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxQuarantineTable' must be a valid table name.")]
    public string QuarantineTable { get; set; } = "Quarantine";

    /// <summary>Setting <c>CxIngestCountersTable</c>: the table of ingestion counters (one row per Event Hubs partition).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxIngestCountersTable' must be a valid table name.")]
    public string CountersTable { get; set; } = "IngestCounters";

    /// <summary>
    /// Setting <c>CxIngestPartitionBuckets</c>: how many table partitions each hour of events is spread over (1–64).
    /// Each bucket adds about one entity-group transaction per batch; 2 keeps a 100-event batch under 0.05 transactions
    /// per stored event, more spreads writes for hotter hubs (docs/events.md, "Storage").
    /// </summary>
    [Range(1, 64, ErrorMessage = "Setting 'CxIngestPartitionBuckets' must lie between 1 and 64.")]
    public int PartitionBuckets { get; set; } = 2;

    /// <summary>The key as bytes.</summary>
    public byte[] KeyBytes() => Encoding.UTF8.GetBytes(PseudonymKey ?? string.Empty);
}

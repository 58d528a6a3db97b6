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
    [Required(
        ErrorMessage = "Setting 'CxPseudonymKey' is required: the secret (at least 32 bytes) that keys customer and agent pseudonyms.")]
    public string? PseudonymKey { get; set; }

    /// <summary>
    /// Setting <c>CxPseudonymKeyId</c>: the id of <see cref="PseudonymKey"/>, written into every pseudonym
    /// (<c>c-k1-…</c>) so that old and new pseudonyms can be told apart after a rotation. 1 to 8 lower-case letters and
    /// digits starting with a letter; <c>k1</c> by default. Change it whenever the key changes (docs/events.md,
    /// "Rotating the pseudonym key").
    /// </summary>
    public string PseudonymKeyId { get; set; } = Domain.Ingestion.Privacy.Pseudonymizer.DefaultKeyId;

    /// <summary>Setting <c>CxEventsTable</c>: the table of stored canonical events.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxEventsTable' must be a valid table name.")]
    public string EventsTable { get; set; } = "CxEvents";

    /// <summary>Setting <c>CxQuarantineTable</c>: the table of quarantined events.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxQuarantineTable' must be a valid table name.")]
    public string QuarantineTable { get; set; } = "Quarantine";

    /// <summary>Setting <c>CxIngestCountersTable</c>: the table of ingestion counters (one row per Event Hubs partition).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxIngestCountersTable' must be a valid table name.")]
    public string CountersTable { get; set; } = "IngestCounters";

    /// <summary>Setting <c>CxCustomerIndexTable</c>: which event rows carry which customer pseudonym (for erasure requests).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxCustomerIndexTable' must be a valid table name.")]
    public string CustomerIndexTable { get; set; } = "CustomerIndex";

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

/// <summary>
/// Checks the pseudonym key at start-up and names what is wrong: everywhere, at least 32 bytes and a well-formed key
/// id; in Azure (<see cref="Configuration.AzurePlatform.IsAzure"/>) also neither an unresolved
/// Key Vault reference (the literal <c>@Microsoft.KeyVault(…)</c> stays when the app cannot read the secret) nor the
/// sample key of <c>local.settings.sample.json</c>.
/// </summary>
public sealed class PseudonymKeyValidation(IConfiguration configuration) : Microsoft.Extensions.Options.IValidateOptions<IngestionOptions>
{
    /// <summary>The development-only key of <c>local.settings.sample.json</c>; refused in Azure.</summary>
    public const string SampleKey = "local-development-only-pseudonym-key-not-a-secret";

    /// <inheritdoc />
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Problem(options, Configuration.AzurePlatform.IsAzure(configuration)) is { } problem
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
    }

    /// <summary>What is wrong with the key settings, or null.</summary>
    public static string? Problem(IngestionOptions options, bool inAzure)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.PseudonymKey ?? string.Empty;
        if (inAzure && key.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            return "Setting 'CxPseudonymKey' is an unresolved Key Vault reference: the app cannot read the secret " +
                "(check the app's identity, its Key Vault role and the secret URI).";
        }

        if (inAzure && string.Equals(key.Trim(), SampleKey, StringComparison.Ordinal))
        {
            return "Setting 'CxPseudonymKey' is the sample key of local.settings.sample.json, which is public: set a secret one.";
        }

        if (options.KeyBytes().Length < Domain.Ingestion.Privacy.Pseudonymizer.MinimumKeyBytes)
        {
            return $"Setting 'CxPseudonymKey' must be at least {Domain.Ingestion.Privacy.Pseudonymizer.MinimumKeyBytes} bytes.";
        }

        return Domain.Ingestion.Privacy.Pseudonymizer.IsValidKeyId(options.PseudonymKeyId)
            ? null
            : "Setting 'CxPseudonymKeyId' must be 1 to 8 lower-case letters and digits starting with a letter (for example k2).";
    }
}

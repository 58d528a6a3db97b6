using System.Text.Json;
using System.Text.RegularExpressions;

namespace CxServerless.Durable;

/// <summary>
/// Engine settings. The task hub name prefixes every table, queue and container, so several hubs (and tests) can share
/// one storage account: <c>{TaskHub}History</c>, <c>{TaskHub}Instances</c>, <c>{taskhub}-control-{i}</c>,
/// <c>{taskhub}-activities</c> and <c>{taskhub}-payloads</c>.
/// </summary>
public sealed partial class DurableOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Workflow";

    /// <summary>The task hub name: 3-40 letters or digits, starting with a letter. Default <c>Workflow</c>.</summary>
    public string TaskHub { get; set; } = "Workflow";

    /// <summary>How many control queues instances are hashed over. Default 4.</summary>
    public int ControlPartitions { get; set; } = 4;

    /// <summary>
    /// The delivery count at which a message that still fails is treated as poison: its instance is failed with the
    /// reason instead of the message being retried. Match the host's <c>maxDequeueCount</c>. Default 5.
    /// </summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Payloads longer than this many characters are stored in a blob instead of a table property. Default 30,000 (a property holds 64 KiB of UTF-16).</summary>
    public int MaxInlinePayloadChars { get; set; } = 30_000;

    /// <summary>Queue messages longer than this many characters move their payload to a blob. Default 45,000 (a message holds 64 KiB).</summary>
    public int MaxMessageChars { get; set; } = 45_000;

    /// <summary>The longest visibility delay one timer message uses; longer timers hop. Default 7 days less 1 minute (the queue maximum is 7 days).</summary>
    public TimeSpan MaxTimerDelay { get; set; } = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    /// <summary>How many times an episode reloads and replays after losing an ETag race before giving up. Default 20.</summary>
    public int MaxConflictRetries { get; set; } = 20;

    /// <summary>The JSON options for inputs, outputs and events.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>Returns the first problem with these options, or null when they are valid.</summary>
    public string? Validate()
    {
        if (TaskHub is null || !TaskHubPattern().IsMatch(TaskHub))
        {
            return $"{SectionName}:TaskHub must be 3-40 letters or digits starting with a letter; it is '{TaskHub}'.";
        }

        return ControlPartitions is < 1 or > 16 ? $"{SectionName}:ControlPartitions must be 1-16; it is {ControlPartitions}."
            : MaxDequeueCount < 1 ? $"{SectionName}:MaxDequeueCount must be at least 1."
            : MaxInlinePayloadChars is < 1 or > 30_000 ? $"{SectionName}:MaxInlinePayloadChars must be 1-30000."
            : MaxMessageChars is < 1_000 or > 60_000 ? $"{SectionName}:MaxMessageChars must be 1000-60000."
            : MaxTimerDelay <= TimeSpan.Zero || MaxTimerDelay > TimeSpan.FromDays(7) ? $"{SectionName}:MaxTimerDelay must be positive and at most 7 days."
            : MaxConflictRetries < 1 ? $"{SectionName}:MaxConflictRetries must be at least 1."
            : null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,39}$")]
    private static partial Regex TaskHubPattern();
}

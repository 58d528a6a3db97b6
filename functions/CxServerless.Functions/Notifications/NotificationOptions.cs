using System.Text.Json;

namespace CxServerless.Functions.Notifications;

/// <summary>
/// Where notifications go beyond the inbox, bound from the <c>Notifications</c> section (<c>Notifications__TeamsWebhookUrl</c>,
/// ...). Every channel is optional: a channel without settings records <c>not configured</c> and the inbox still shows
/// the notification. Validated at start-up; a wrong value stops the handler naming the setting, never showing its value.
/// </summary>
/// <remarks>
/// In Azure the Teams and webhook URLs and the webhook secret are Key Vault references. A reference App Service could
/// not resolve (no such secret yet) reaches the handler as the literal <c>@Microsoft.KeyVault(...)</c>; the channel then
/// counts as not configured, with that reason, instead of stopping the app.
/// </remarks>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Notifications";

    /// <summary>Gets or sets the app's public base URL, for links to the task in the inbox
    /// (<c>{InboxUrl}/api/inbox?alertId=…</c>).</summary>
    public string? InboxUrl { get; set; }

    /// <summary>Gets or sets the Teams incoming-webhook URL used for every team without one of its own.</summary>
    public string? TeamsWebhookUrl { get; set; }

    /// <summary>Gets or sets a JSON object of team → Teams incoming-webhook URL (<c>{"team-billing": "https://…"}</c>).</summary>
    public string? TeamsWebhookUrls { get; set; }

    /// <summary>Gets or sets the Azure Communication Services endpoint (<c>https://{name}.communication.azure.com</c>).</summary>
    public string? EmailEndpoint { get; set; }

    /// <summary>Gets or sets the sender address of a domain linked to the Communication Services resource.</summary>
    public string? EmailSender { get; set; }

    /// <summary>Gets or sets the generic JSON webhook URL.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Gets or sets the secret that signs webhook bodies (HMAC-SHA256); empty sends them unsigned.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Gets or sets the first retry delay of a channel's HTTP calls (exponential backoff with jitter; Retry-After wins).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the timeout of one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long the e-mail channel polls the send operation for a final status.</summary>
    public TimeSpan EmailPollLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Returns whether a value is an App Service Key Vault reference that was not resolved.</summary>
    /// <param name="value">The setting's value.</param>
    /// <returns>True for <c>@Microsoft.KeyVault(...)</c>.</returns>
    public static bool IsUnresolvedReference(string? value) =>
        value is not null && value.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <see cref="TeamsWebhookUrls"/>; empty when unset or unresolved.</summary>
    /// <returns>Team → URL.</returns>
    public IReadOnlyDictionary<string, string> TeamsWebhooksByTeam()
    {
        if (string.IsNullOrWhiteSpace(TeamsWebhookUrls) || IsUnresolvedReference(TeamsWebhookUrls))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return JsonSerializer.Deserialize(TeamsWebhookUrls, NotificationJsonContext.Default.DictionaryStringString)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>The link to an alert's task in the inbox, or null without <see cref="InboxUrl"/>.</summary>
    /// <param name="alertId">The alert id.</param>
    /// <returns>The link.</returns>
    public Uri? TaskLink(string alertId) =>
        string.IsNullOrWhiteSpace(InboxUrl) ? null : new Uri($"{InboxUrl.TrimEnd('/')}/api/inbox?alertId={Uri.EscapeDataString(alertId)}");

    /// <summary>Returns every problem, naming the setting and never its value; empty when valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        CheckUrl(problems, nameof(InboxUrl), InboxUrl, allowReference: false);
        CheckUrl(problems, nameof(TeamsWebhookUrl), TeamsWebhookUrl, allowReference: true);
        CheckUrl(problems, nameof(EmailEndpoint), EmailEndpoint, allowReference: false);
        CheckUrl(problems, nameof(WebhookUrl), WebhookUrl, allowReference: true);
        if (!string.IsNullOrWhiteSpace(TeamsWebhookUrls) && !IsUnresolvedReference(TeamsWebhookUrls))
        {
            try
            {
                foreach (var (team, url) in TeamsWebhooksByTeam())
                {
                    CheckUrl(problems, $"{nameof(TeamsWebhookUrls)}[{team}]", url, allowReference: false);
                }
            }
            catch (JsonException)
            {
                problems.Add($"{Name(nameof(TeamsWebhookUrls))} must be a JSON object of team name to webhook URL.");
            }
        }

        if (!string.IsNullOrWhiteSpace(EmailEndpoint) != !string.IsNullOrWhiteSpace(EmailSender))
        {
            problems.Add($"{Name(nameof(EmailEndpoint))} and {Name(nameof(EmailSender))} go together: set both or neither.");
        }

        if (!string.IsNullOrWhiteSpace(EmailSender)
            && (EmailSender.Length > 254 || EmailSender.Count(c => c == '@') != 1 || EmailSender.Any(char.IsWhiteSpace)))
        {
            problems.Add(
                $"{Name(nameof(EmailSender))} must be one e-mail address of a domain linked to the Communication Services resource.");
        }

        if (!string.IsNullOrEmpty(WebhookSecret) && !IsUnresolvedReference(WebhookSecret) && WebhookSecret.Length < 16)
        {
            problems.Add($"{Name(nameof(WebhookSecret))} must be at least 16 characters (or empty to send unsigned).");
        }

        Check(problems, RetryDelay > TimeSpan.Zero && RetryDelay <= TimeSpan.FromMinutes(1),
            $"{Name(nameof(RetryDelay))} must be above 0 and at most 1 min.");
        Check(problems, AttemptTimeout >= TimeSpan.FromSeconds(1) && AttemptTimeout <= TimeSpan.FromMinutes(2),
            $"{Name(nameof(AttemptTimeout))} must be 1 s to 2 min.");
        Check(problems, EmailPollLimit >= TimeSpan.FromSeconds(1) && EmailPollLimit <= TimeSpan.FromMinutes(10),
            $"{Name(nameof(EmailPollLimit))} must be 1 s to 10 min.");
        return problems;
    }

    private static void CheckUrl(List<string> problems, string name, string? value, bool allowReference)
    {
        if (string.IsNullOrWhiteSpace(value) || (allowReference && IsUnresolvedReference(value)))
        {
            return;
        }

        // https everywhere; http only to this machine (local fakes and development).
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            problems.Add($"{Name(name)} must be an absolute https URL.");
        }
    }

    private static void Check(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }

    private static string Name(string property) => $"Setting '{SectionName}__{property}'";
}

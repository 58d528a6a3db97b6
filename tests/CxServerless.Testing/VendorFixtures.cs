namespace CxServerless.Testing;

/// <summary>
/// The vendor-written sample payloads under <c>VendorFixtures/</c> (copied byte for byte; sources in its README), each
/// with an enqueued time a few seconds after the time it carries and the fate of each event it holds, as the vendor's
/// documentation describes them: a contact, case, task or survey is <see cref="Stored"/>; anything else
/// (a worker's activity change) is <see cref="Unsupported"/>.
/// </summary>
public static class VendorFixtures
{
    /// <summary>The fate of an event that describes a contact, a case, a task or a survey.</summary>
    public const string Stored = "stored";

    /// <summary>The fate of an event the app does not model.</summary>
    public const string Unsupported = "unsupported-type";

    /// <summary>Every fixture.</summary>
    public static IReadOnlyList<VendorFixture> All { get; } =
    [
        new("acs-eventgrid-chat-message-received.json", "2021-02-19T00:26:02Z", [Stored]),
        new("acs-eventgrid-router-job-classified.json", "2022-02-17T00:55:28Z", [Stored]),
        new("acs-eventgrid-router-job-queued.json", "2022-02-17T00:55:28Z", [Stored]),
        new("acs-eventgrid-router-job-received.json", "2022-02-17T00:55:28Z", [Stored]),
        new("acs-eventgrid-router-worker-offer-issued.json", "2022-02-17T00:55:28Z", [Stored]),
        new("amazon-connect-contact-event-connected-to-agent-detail.json", "2021-08-04T17:29:12Z", [Stored]),

        // Two Transcript segments (an agent's and a customer's); the Utterance and Categories segments add no words.
        new("amazon-connect-contact-lens-realtime-segments.json", "2023-06-01T10:00:00Z", [Stored, Stored]),
        new("genesys-eventbridge-conversation-customer-end.json", "2022-06-14T16:12:15Z", [Stored]),
        new("genesys-eventbridge-conversation-customer-start.json", "2022-04-06T09:30:48Z", [Stored]),
        new("surveymonkey-webhook-response-event-data.json", "2016-01-01T21:56:35Z", [Stored]),

        // worker.activity.update (a worker, no task), reservation.created (a task), worker.activity.update.
        new("twilio-taskrouter-events-list-reservation-created.json", "2015-07-31T23:36:36Z", [Unsupported, Stored, Unsupported]),
        new("zendesk-api-satisfaction-rating-show.json", "2012-09-07T19:04:22Z", [Stored]),
        new("zendesk-api-ticket-metric-ticket1.json", "2015-09-03T00:32:52Z", [Stored]),
        new("zendesk-api-ticket-show-incident-web.json", "2015-09-03T00:38:00Z", [Stored]),
    ];

    /// <summary>The folder the fixtures are copied to, next to the test assembly.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "VendorFixtures");
}

/// <summary>One vendor-written fixture.</summary>
/// <param name="File">The file name under <c>VendorFixtures/</c>.</param>
/// <param name="Enqueued">A plausible Event Hubs enqueued time (UTC, ISO 8601) for it.</param>
/// <param name="Fates">The fate of each event it holds, in order.</param>
public sealed record VendorFixture(string File, string Enqueued, IReadOnlyList<string> Fates)
{
    /// <summary>The payload, as published.</summary>
    public string Body => System.IO.File.ReadAllText(Path.Combine(VendorFixtures.Folder, File));

    /// <summary>The enqueued time.</summary>
    public DateTimeOffset EnqueuedTime => DateTimeOffset.Parse(Enqueued, System.Globalization.CultureInfo.InvariantCulture);
}

using System.Text.Json.Serialization;

namespace CxServerless.Domain.Events;

/// <summary>
/// The canonical CX event, schema version 1: what every source adapter produces and everything downstream reads.
/// Identifiers of people are pseudonyms and free text is masked before an event is built (docs/events.md).
/// </summary>
public sealed record CxEvent
{
    /// <summary>The schema version this type writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The schema version of this event.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The producer's event id, or one derived from (partition, sequence number) when the producer gives none.</summary>
    public required string EventId { get; init; }

    /// <summary>The system the event came from (for example <c>amazon-connect</c>, <c>zendesk</c>, <c>canonical</c>).</summary>
    public required string SourceSystem { get; init; }

    /// <summary>What happened.</summary>
    public required CxEventType Type { get; init; }

    /// <summary>When it happened at the source (UTC).</summary>
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>When the pipeline received it (UTC).</summary>
    public DateTimeOffset IngestTime { get; init; }

    /// <summary>The conversation, contact or case the event belongs to.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The channel of the conversation.</summary>
    public required CxChannel Channel { get; init; }

    /// <summary>The queue the contact was routed to, when known.</summary>
    public string? Queue { get; init; }

    /// <summary>The team that owns the queue or case, when known.</summary>
    public string? Team { get; init; }

    /// <summary>The region of the contact centre, when known.</summary>
    public string? Region { get; init; }

    /// <summary>The agent's pseudonym, when an agent is involved.</summary>
    public string? AgentKey { get; init; }

    /// <summary>The customer's pseudonymous key (HMAC-SHA256 of a normalised identifier), when known.</summary>
    public string? CustomerKey { get; init; }

    /// <summary>Durations and counts measured at the source.</summary>
    public CxMeasures Measures { get; init; } = new();

    /// <summary>How the contact ended, for events that end one.</summary>
    public CxOutcome? Outcome { get; init; }

    /// <summary>Survey scores and sentiment.</summary>
    public CxScores Scores { get; init; } = new();

    /// <summary>Free text (message, comment, verbatim) with PII masked.</summary>
    public string? Text { get; init; }

    /// <summary>
    /// The source's own reason code for <see cref="Outcome"/> or the change (for example Amazon Connect's
    /// <c>CUSTOMER_DISCONNECT</c>, a Job Router disposition code, a case status), when the source gives one.
    /// </summary>
    public string? OutcomeReason { get; init; }

    /// <summary>
    /// Every customer pseudonym the event carried (e-mail, phone, account), <see cref="CustomerKey"/> first; lets
    /// identity resolution link keys seen on different channels. Empty when the customer is unknown.
    /// </summary>
    public IReadOnlyList<string> CustomerAliases { get; init; } = [];
}

/// <summary>What a <see cref="CxEvent"/> records.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CxEventType>))]
public enum CxEventType
{
    /// <summary>A contact (call, chat, e-mail) or conversation started.</summary>
    ContactStarted,

    /// <summary>The contact entered a queue.</summary>
    ContactQueued,

    /// <summary>An agent answered the contact; <see cref="CxMeasures.WaitSeconds"/> holds the queue wait.</summary>
    ContactAnswered,

    /// <summary>The customer left while in queue; <see cref="CxMeasures.WaitSeconds"/> holds the wait.</summary>
    ContactAbandoned,

    /// <summary>The first public agent reply; <see cref="CxMeasures.FirstResponseSeconds"/> holds the delay.</summary>
    FirstResponse,

    /// <summary>The agent's work on the contact ended; talk, hold and after-contact work are measured.</summary>
    ContactEnded,

    /// <summary>The contact was transferred.</summary>
    ContactTransferred,

    /// <summary>The contact or case was escalated.</summary>
    ContactEscalated,

    /// <summary>A case or ticket was opened.</summary>
    CaseOpened,

    /// <summary>A case or ticket changed (status, owner, priority).</summary>
    CaseUpdated,

    /// <summary>A case or ticket was resolved or closed.</summary>
    CaseResolved,

    /// <summary>A resolved case was reopened.</summary>
    CaseReopened,

    /// <summary>A message was posted in a conversation (chat, e-mail, messaging).</summary>
    MessagePosted,

    /// <summary>A customer answered a survey (CSAT, NPS, CES, verbatim).</summary>
    SurveyResponse,

    /// <summary>The contact was offered to an agent (a reservation or offer), who has not answered yet.</summary>
    ContactOffered,

    /// <summary>
    /// Another step of a contact's routing lifecycle that no KPI counts yet (classified, an offer declined or expired,
    /// closed after wrap-up, an exception rule fired); <see cref="CxEvent.OutcomeReason"/> names the step.
    /// </summary>
    ContactUpdated,
}

/// <summary>The channel of a conversation.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CxChannel>))]
public enum CxChannel
{
    /// <summary>Telephone, including IVR.</summary>
    Voice,

    /// <summary>Live chat with an agent.</summary>
    Chat,

    /// <summary>A bot conversation.</summary>
    Chatbot,

    /// <summary>E-mail.</summary>
    Email,

    /// <summary>Asynchronous messaging (SMS, WhatsApp, social).</summary>
    Messaging,

    /// <summary>Field service and IoT.</summary>
    FieldService,

    /// <summary>A survey.</summary>
    Survey,

    /// <summary>Web self-service.</summary>
    Web,

    /// <summary>
    /// The source did not say, no earlier event of the same case or contact did, and no <c>cx-channel</c> property
    /// declared it (for example a Salesforce case update that does not change <c>Origin</c>).
    /// </summary>
    Unknown,
}

/// <summary>How a contact ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CxOutcome>))]
public enum CxOutcome
{
    /// <summary>The customer's issue was resolved.</summary>
    Resolved,

    /// <summary>The customer left before being served.</summary>
    Abandoned,

    /// <summary>The contact was transferred elsewhere.</summary>
    Transferred,

    /// <summary>The contact was escalated.</summary>
    Escalated,

    /// <summary>The contact ended without resolution.</summary>
    Unresolved,
}

/// <summary>Durations (seconds) and counts measured at the source. Absent values are null, never zero.</summary>
public sealed record CxMeasures
{
    /// <summary>Time in queue before an agent answered or the customer abandoned (IVR time excluded).</summary>
    public double? WaitSeconds { get; init; }

    /// <summary>Time in IVR or bot before queueing.</summary>
    public double? IvrSeconds { get; init; }

    /// <summary>Agent talk (or active chat) time.</summary>
    public double? TalkSeconds { get; init; }

    /// <summary>Customer hold time.</summary>
    public double? HoldSeconds { get; init; }

    /// <summary>After-contact work time.</summary>
    public double? AfterContactWorkSeconds { get; init; }

    /// <summary>From contact or ticket creation to the first public agent reply.</summary>
    public double? FirstResponseSeconds { get; init; }

    /// <summary>From contact or ticket creation to resolution.</summary>
    public double? ResolutionSeconds { get; init; }

    /// <summary>How many times the contact was transferred.</summary>
    public int? Transfers { get; init; }
}

/// <summary>Survey scores and sentiment. Each score is on its documented scale.</summary>
public sealed record CxScores
{
    /// <summary>Customer satisfaction, 1 to 5.</summary>
    public int? Csat { get; init; }

    /// <summary>Likelihood to recommend, 0 to 10.</summary>
    public int? Nps { get; init; }

    /// <summary>Customer effort, 1 to 7 (7 = very easy).</summary>
    public int? Ces { get; init; }

    /// <summary>Sentiment of the text, −1 (negative) to +1 (positive).</summary>
    public double? Sentiment { get; init; }
}

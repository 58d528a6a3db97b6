using CxServerless.Domain.Ingestion.Adapters;

namespace CxServerless.Domain.Ingestion;

/// <summary>The adapters the pipeline knows, one per format (docs/events.md lists them).</summary>
public static class SourceAdapters
{
    /// <summary>A new instance of every built-in adapter.</summary>
    public static IReadOnlyList<ISourceAdapter> All() =>
    [
        new CanonicalAdapter(),
        new AmazonConnectContactRecordAdapter(),
        new AcsEventGridAdapter(),
        new ZendeskTicketEventAdapter(),
        new ZendeskTicketMetricsAdapter(),
        new ZendeskSatisfactionRatingAdapter(),
        new SalesforceCaseChangeEventAdapter(),
        new HelpScoutSurveyResponseAdapter(),
        new ZendeskTicketAdapter(),
        new AzureEventGridAdapter(),
        new AmazonConnectContactEventAdapter(),
        new AmazonConnectContactLensAdapter(),
        new AmazonConnectAgentEventAdapter(),
        new GenesysCloudEventBridgeAdapter(),
        new TwilioTaskRouterAdapter(),
        new SurveyMonkeyWebhookAdapter(),
    ];

    /// <summary>A registry of every built-in adapter.</summary>
    public static AdapterRegistry Registry() => new(All());
}

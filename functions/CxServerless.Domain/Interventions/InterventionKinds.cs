namespace CxServerless.Domain.Interventions;

/// <summary>The kinds of proactive intervention, as the rules file, the Interventions table and the API name them.</summary>
public static class InterventionKinds
{
    /// <summary>A customer waited in queue too long: offer a callback.</summary>
    public const string CallbackOffer = "callbackOffer";

    /// <summary>A customer came back on the same topic within the window: flag the contact priority, note the team lead.</summary>
    public const string RepeatContact = "repeatContact";

    /// <summary>A live chat's sentiment dropped below the threshold: alert the supervisor.</summary>
    public const string SentimentAlert = "sentimentAlert";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [CallbackOffer, RepeatContact, SentimentAlert];
}

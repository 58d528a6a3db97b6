namespace CxServerless.Domain.Interventions;

/// <summary>The proactive intervention rules in force (format: docs/interventions.md).</summary>
/// <param name="Version">The rules' version, recorded on every intervention.</param>
/// <param name="LongWait">The long-wait rule.</param>
/// <param name="RepeatContact">The repeat-contact rule.</param>
/// <param name="SentimentDrop">The live-chat sentiment rule.</param>
public sealed record InterventionRules(
    string Version, LongWaitRule LongWait, RepeatContactRule RepeatContact, SentimentDropRule SentimentDrop)
{
    /// <summary>The cap of a kind.</summary>
    /// <param name="kind">An <see cref="InterventionKinds"/> value.</param>
    /// <returns>Its cap.</returns>
    public FrequencyCap CapOf(string kind) => kind switch
    {
        InterventionKinds.CallbackOffer => LongWait.Caps,
        InterventionKinds.RepeatContact => RepeatContact.Caps,
        InterventionKinds.SentimentAlert => SentimentDrop.Caps,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an intervention kind."),
    };
}

/// <summary>A customer still waiting in queue after <see cref="After"/> is offered a callback.</summary>
/// <param name="After">How long the wait must be.</param>
/// <param name="GiveUpAfter">A wait older than this is dropped without an offer: its contact's end was never seen.</param>
/// <param name="Caps">The frequency caps.</param>
public sealed record LongWaitRule(TimeSpan After, TimeSpan GiveUpAfter, FrequencyCap Caps);

/// <summary>A contact whose customer's previous contact on the same topic started less than <see cref="Within"/> before.</summary>
/// <param name="Within">The repeat window.</param>
/// <param name="Caps">The frequency caps.</param>
public sealed record RepeatContactRule(TimeSpan Within, FrequencyCap Caps);

/// <summary>A live chat message scored below <see cref="Below"/>.</summary>
/// <param name="Below">The threshold on the −1…+1 scale.</param>
/// <param name="LiveFor">How long after a message its chat still counts as live when no end has been seen.</param>
/// <param name="Caps">The frequency caps.</param>
public sealed record SentimentDropRule(double Below, TimeSpan LiveFor, FrequencyCap Caps);

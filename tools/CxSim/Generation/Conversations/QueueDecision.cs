namespace CxSim.Generation.Conversations;

/// <summary>What happened to a contact in queue.</summary>
internal enum QueueResult
{
    Answered,
    Abandoned,
    NeverAnswered,
}

/// <summary>The fate of a queued contact and how long it waited (seconds).</summary>
internal sealed record QueueDecision(QueueResult Result, double WaitSeconds)
{
    private const double DeadQueuePatienceMedian = 180;

    /// <summary>Decides under the incidents in force at arrival. Waits grow mildly with load (busier hours wait longer).</summary>
    public static QueueDecision Decide(ConversationBuilder c, ScriptContext context, ChannelProfile profile)
    {
        var r = c.Random;
        var effects = context.EffectsAt(c.Contact, c.Contact.Arrival);
        var canAbandon = profile.AbandonProbability > 0;
        if (effects.DeadQueue)
        {
            return canAbandon
                ? new QueueDecision(QueueResult.Abandoned, Round(r.LogNormal(DeadQueuePatienceMedian, 0.5)))
                : new QueueDecision(QueueResult.NeverAnswered, 0);
        }

        if (canAbandon && r.Chance(Math.Min(0.95, profile.AbandonProbability * effects.AbandonFactor)))
        {
            return new QueueDecision(QueueResult.Abandoned, Round(r.LogNormal(profile.AbandonWaitMedian, 0.6)));
        }

        var load = 0.75 + (0.25 * Math.Min(c.Contact.Level, 2.0));
        var wait = r.LogNormal(profile.WaitMedian * load, profile.WaitSigma) * effects.WaitFactor;
        return new QueueDecision(QueueResult.Answered, Round(wait));
    }

    public static double Round(double seconds) => Math.Round(Math.Max(0, seconds), 1);
}

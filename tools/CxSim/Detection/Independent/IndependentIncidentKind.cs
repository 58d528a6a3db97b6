namespace CxSim.Detection.Independent;

/// <summary>The incident shapes of <see cref="IndependentCentre"/>, chosen to differ from cx-sim's own.</summary>
public enum IndependentIncidentKind
{
    /// <summary>Talk, hold and after-contact work of contacts answered by one team are multiplied by the magnitude.</summary>
    HandleTimeSurge,

    /// <summary>
    /// Nobody answers one queue's calls and chats: callers wait until their patience runs out; e-mails wait for the end.
    /// A magnitude below 1 blocks only that share of the calls and chats.
    /// </summary>
    QueueOutage,

    /// <summary>
    /// Survey answers on one channel come from an unhappy distribution (magnitude 1); a magnitude below 1 blends it with
    /// the usual answers, above 1 goes further past it.
    /// </summary>
    CsatDip,

    /// <summary>Callers and chatters of one queue give up the magnitude times sooner.</summary>
    AbandonmentSurge,

    /// <summary>One queue receives the magnitude times its contacts, and its waits grow with the load.</summary>
    VolumeSurge,

    /// <summary>Waits of every queue grow steadily to the magnitude times their usual length by the end.</summary>
    WaitCreep,
}

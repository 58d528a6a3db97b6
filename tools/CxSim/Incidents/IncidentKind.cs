using System.Text.Json.Serialization;

namespace CxSim.Incidents;

/// <summary>A kind of service deviation the simulator can inject.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentKind>))]
public enum IncidentKind
{
    /// <summary>Answered contacts wait longer (queue waits multiplied by the magnitude, default 4).</summary>
    WaitSpike,

    /// <summary>Survey responses turn unhappy (the magnitude is the share of responses drawn unhappy, default 0.7).</summary>
    CsatDip,

    /// <summary>More callers leave the queue (abandonment probability multiplied by the magnitude, default 5).</summary>
    AbandonmentSurge,

    /// <summary>No contact in the slice is answered; callers abandon, e-mails stay unanswered.</summary>
    DeadQueue,
}

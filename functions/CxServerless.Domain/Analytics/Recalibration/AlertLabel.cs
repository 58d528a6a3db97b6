namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>What people said about an alert that fired.</summary>
public enum AlertLabel
{
    /// <summary>Nobody judged it.</summary>
    Unlabelled,

    /// <summary>Someone closed its task as a false alarm.</summary>
    FalseAlarm,

    /// <summary>Someone resolved its task: the problem was real.</summary>
    Confirmed,
}

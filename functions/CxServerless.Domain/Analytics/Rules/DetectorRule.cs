using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>One detector of a rule, as configured; <see cref="Create"/> makes a fresh detector for one slice.</summary>
/// <param name="Type">The detector type as written in the rules file.</param>
/// <param name="Severity">The severity of its breaches.</param>
public abstract record DetectorRule(string Type, AlertSeverity Severity)
{
    /// <summary>A new detector with nothing learned.</summary>
    public abstract IKpiDetector Create();
}

namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>One field of one detector that a draft moves.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Detector">The detector's index in the rule.</param>
/// <param name="Type">The detector's type (<c>static</c>, <c>ewma</c>, ...).</param>
/// <param name="Field">The field as the rules file names it (<c>upper</c>, <c>breachZ</c>, ...).</param>
/// <param name="From">The active version's value.</param>
/// <param name="To">The draft's value.</param>
/// <param name="MovePercent">|To − From| ÷ |From|, in percent: what the guard rail compares.</param>
public sealed record ThresholdChange(string RuleId, int Detector, string Type, string Field, double From, double To, double MovePercent);

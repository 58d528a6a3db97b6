using System.Text.Json;
using System.Text.Json.Nodes;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>
/// Writes a draft rules file: the active file's JSON with the thresholds of some rules moved by a percentage towards
/// less sensitivity, and a new version. Only thresholds move: detectors, slices, windows and policies stay, so the
/// draft watches exactly what the active version watches.
/// </summary>
/// <remarks>
/// A move of <c>p</c> % (f = p ÷ 100) changes, per detector type: <c>static</c> limits and their clear limits each by
/// f × |itself| outward (a zero limit does not move); <c>ewma</c> <c>breachZ</c> and <c>levelShift</c>
/// <c>breachT</c> × (1 + f); <c>spike</c> the excess of <c>spikeFactor</c> over 1 and <c>minChange</c> × (1 + f),
/// <c>dipFactor</c> ÷ (1 + f); <c>percentile</c> the distance of each breach percentile to its extreme ÷ (1 + f).
/// </remarks>
public static class RuleTuning
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    /// <summary>Moves the thresholds of the rules in <paramref name="movesPercent"/> and sets the version.</summary>
    /// <param name="activeJson">The active version's file.</param>
    /// <param name="active">The same file, parsed.</param>
    /// <param name="draftVersion">The draft's version.</param>
    /// <param name="movesPercent">The move per rule id, in percent (rules not named are unchanged).</param>
    /// <returns>The draft's JSON and every field it moved.</returns>
    public static (string Json, IReadOnlyList<ThresholdChange> Changes) Apply(
        string activeJson, RuleSet active, string draftVersion, IReadOnlyDictionary<string, double> movesPercent)
    {
        ArgumentNullException.ThrowIfNull(activeJson);
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(movesPercent);
        var root = JsonNode.Parse(activeJson, documentOptions: DocumentOptions)?.AsObject()
            ?? throw new ArgumentException("The rules file is not a JSON object.", nameof(activeJson));
        root["version"] = draftVersion;
        var changes = new List<ThresholdChange>();
        var nodes = root["rules"]!.AsArray();
        for (var i = 0; i < active.Rules.Count; i++)
        {
            var rule = active.Rules[i];
            if (!movesPercent.TryGetValue(rule.Id, out var percent) || percent <= 0)
            {
                continue;
            }

            var detectors = nodes[i]!["detectors"]!.AsArray();
            for (var d = 0; d < rule.Detectors.Count; d++)
            {
                var node = detectors[d]!.AsObject();
                foreach (var (field, from, to) in Moves(rule.Detectors[d], percent / 100))
                {
                    if (to != from)
                    {
                        node[field] = to;
                        var percentMoved = Math.Round(Math.Abs(to - from) / Math.Abs(from) * 100, 2);
                        changes.Add(new ThresholdChange(rule.Id, d, rule.Detectors[d].Type, field, from, to, percentMoved));
                    }
                }
            }
        }

        return (root.ToJsonString(WriteOptions), changes);
    }

    private static IEnumerable<(string Field, double From, double To)> Moves(DetectorRule detector, double f)
    {
        switch (detector)
        {
            case StaticDetectorRule { Options: var o }:
                if (o.Upper is { } upper && upper != 0)
                {
                    yield return ("upper", upper, Round(upper + (Math.Abs(upper) * f)));
                    var clear = o.ClearUpper ?? upper;
                    yield return ("clearUpper", clear, Round(clear + (Math.Abs(clear) * f)));
                }

                if (o.Lower is { } lower && lower != 0)
                {
                    yield return ("lower", lower, Round(lower - (Math.Abs(lower) * f)));
                    var clear = o.ClearLower ?? lower;
                    yield return ("clearLower", clear, Round(clear - (Math.Abs(clear) * f)));
                }

                break;
            case EwmaDetectorRule { Options: var o }:
                yield return ("breachZ", o.BreachZ, Round(o.BreachZ * (1 + f)));
                break;
            case LevelShiftDetectorRule { Options: var o }:
                yield return ("breachT", o.BreachT, Round(o.BreachT * (1 + f)));
                if (o.MinAbsoluteChange > 0)
                {
                    yield return ("minChange", o.MinAbsoluteChange, Round(o.MinAbsoluteChange * (1 + f)));
                }

                break;
            case SpikeDetectorRule { Options: var o }:
                if (o.Direction is BreachDirection.Above or BreachDirection.Both)
                {
                    yield return ("spikeFactor", o.SpikeFactor, Round(1 + ((o.SpikeFactor - 1) * (1 + f))));
                }

                if (o.Direction is BreachDirection.Below or BreachDirection.Both)
                {
                    yield return ("dipFactor", o.DipFactor, Round(o.DipFactor / (1 + f)));
                }

                if (o.MinAbsoluteChange > 0)
                {
                    yield return ("minChange", o.MinAbsoluteChange, Round(o.MinAbsoluteChange * (1 + f)));
                }

                break;
            case PercentileDetectorRule { Options: var o }:
                if (o.UpperPercentile is { } up && up < 100)
                {
                    yield return ("upper", up, Round(100 - ((100 - up) / (1 + f))));
                }

                if (o.LowerPercentile is { } low && low > 0)
                {
                    yield return ("lower", low, Round(low / (1 + f)));
                }

                break;
            default:
                break;
        }
    }

    private static double Round(double value) => Math.Round(value, 4);
}

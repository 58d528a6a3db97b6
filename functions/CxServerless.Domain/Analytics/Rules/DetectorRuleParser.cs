using System.Text.Json;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>Parses one entry of a rule's <c>detectors</c> array.</summary>
internal static class DetectorRuleParser
{
    private static readonly string[] Types = ["static", "ewma", "percentile", "spike", "levelShift"];

    /// <summary>
    /// One detector of a rule; <paramref name="hasSamplingError"/>: the rule's KPI is a percentage or a mean, whose
    /// sampling error is known (<c>breachZ</c> of static and spike, <c>noiseZ</c> of EWMA allowed).
    /// </summary>
    public static DetectorRule? Parse(JsonElement obj, string path, RuleReader reader, TimeSpan windowSize, bool hasSamplingError)
    {
        var type = reader.String(obj, "type", path, required: true);
        if (type is null)
        {
            return null;
        }

        var severity = reader.Enum(obj, "severity", path, AlertSeverity.Warning);
        var minSamples = reader.Integer(obj, "minSamples", path, 1, 0);
        switch (type)
        {
            case "static":
                reader.RejectUnknown(obj, path, "type", "severity", "minSamples", "upper", "lower", "clearUpper", "clearLower", "breachZ");
                return Static(obj, path, reader, severity, minSamples, hasSamplingError);
            case "ewma":
                reader.RejectUnknown(
                    obj, path, "type", "severity", "minSamples",
                    "alpha", "breachZ", "clearZ", "minHistory", "minStdDev", "direction", "noiseZ");
                return Ewma(obj, path, reader, severity, minSamples, windowSize, hasSamplingError);
            case "percentile":
                reader.RejectUnknown(
                    obj, path, "type", "severity", "minSamples", "historySize", "upper", "clearUpper", "lower", "clearLower", "minHistory");
                return Percentile(obj, path, reader, severity, minSamples);
            case "spike":
                reader.RejectUnknown(
                    obj, path, "type", "severity", "minSamples",
                    "trailingWindows", "spikeFactor", "dipFactor", "minChange", "minHistory", "direction", "breachZ");
                return Spike(obj, path, reader, severity, minSamples, hasSamplingError);
            case "levelShift":
                reader.RejectUnknown(
                    obj, path, "type", "severity", "minSamples",
                    "referenceWindows", "recentWindows", "breachT", "clearT", "minChange", "minStdDev", "direction");
                return LevelShift(obj, path, reader, severity, minSamples);
            default:
                reader.Error(RuleReader.Path(path, "type"), $"must be one of: {string.Join(", ", Types)} (got \"{type}\")");
                return null;
        }
    }

    private static StaticDetectorRule? Static(
        JsonElement obj, string path, RuleReader reader, AlertSeverity severity, int minSamples, bool hasSamplingError)
    {
        var upper = reader.Number(obj, "upper", path, null);
        var lower = reader.Number(obj, "lower", path, null);
        var clearUpper = reader.Number(obj, "clearUpper", path, null);
        var clearLower = reader.Number(obj, "clearLower", path, null);
        if (upper is null && lower is null)
        {
            reader.Error(path, "needs upper, lower or both");
        }

        CheckOrder(reader, path, "clearUpper", clearUpper, "upper", upper, clearMustBeBelow: true);
        CheckOrder(reader, path, "clearLower", clearLower, "lower", lower, clearMustBeBelow: false);
        if (upper is { } u && lower is { } l && l >= u)
        {
            reader.Error(RuleReader.Path(path, "lower"), "must be < upper");
        }

        var limits = new StaticLimitOptions(upper, lower, clearUpper ?? upper, clearLower ?? lower, severity, minSamples)
        {
            BreachZ = SamplingZ(obj, "breachZ", path, reader, hasSamplingError),
        };
        return new StaticDetectorRule(limits);
    }

    private static EwmaDetectorRule Ewma(
        JsonElement obj,
        string path,
        RuleReader reader,
        AlertSeverity severity,
        int minSamples,
        TimeSpan windowSize,
        bool hasSamplingError)
    {
        var alpha = reader.Number(obj, "alpha", path, 0.05, 0.0001, 1)!.Value;
        var breachZ = reader.Number(obj, "breachZ", path, 4, 0.5)!.Value;
        var clearZ = reader.Number(obj, "clearZ", path, 2, 0)!.Value;
        if (clearZ > breachZ)
        {
            reader.Error(RuleReader.Path(path, "clearZ"), "must be ≤ breachZ");
        }

        return new EwmaDetectorRule(new EwmaBaselineOptions(
            alpha,
            breachZ,
            clearZ,
            reader.Integer(obj, "minHistory", path, 30, 1),
            reader.Number(obj, "minStdDev", path, 0.000001, 0.000001)!.Value,
            reader.Enum(obj, "direction", path, BreachDirection.Both),
            severity,
            minSamples)
        {
            ReferenceLag = windowSize,
            NoiseZ = SamplingZ(obj, "noiseZ", path, reader, hasSamplingError),
        });
    }

    private static PercentileDetectorRule Percentile(
        JsonElement obj, string path, RuleReader reader, AlertSeverity severity, int minSamples)
    {
        var historySize = reader.Integer(obj, "historySize", path, 1440, 10, 100_000);
        var upper = reader.Number(obj, "upper", path, null, 0, 100);
        var lower = reader.Number(obj, "lower", path, null, 0, 100);
        var clearUpper = reader.Number(obj, "clearUpper", path, null, 0, 100);
        var clearLower = reader.Number(obj, "clearLower", path, null, 0, 100);
        if (upper is null && lower is null)
        {
            reader.Error(path, "needs upper, lower or both");
        }

        CheckOrder(reader, path, "clearUpper", clearUpper, "upper", upper, clearMustBeBelow: true);
        CheckOrder(reader, path, "clearLower", clearLower, "lower", lower, clearMustBeBelow: false);
        var minHistory = reader.Integer(obj, "minHistory", path, Math.Min(60, historySize), 1);
        if (minHistory > historySize)
        {
            reader.Error(RuleReader.Path(path, "minHistory"), "must be ≤ historySize");
        }

        return new PercentileDetectorRule(
            new PercentileBandOptions(historySize, upper, clearUpper, lower, clearLower, minHistory, severity, minSamples));
    }

    private static SpikeDetectorRule Spike(
        JsonElement obj, string path, RuleReader reader, AlertSeverity severity, int minSamples, bool hasSamplingError)
    {
        var trailing = reader.Integer(obj, "trailingWindows", path, 30, 1, 100_000);
        var minHistory = reader.Integer(obj, "minHistory", path, trailing, 1);
        if (minHistory > trailing)
        {
            reader.Error(RuleReader.Path(path, "minHistory"), "must be ≤ trailingWindows");
        }

        return new SpikeDetectorRule(new SpikeDipOptions(
            trailing,
            reader.Number(obj, "spikeFactor", path, 2, 1.01)!.Value,
            reader.Number(obj, "dipFactor", path, 0.5, 0, 0.99)!.Value,
            reader.Number(obj, "minChange", path, 0, 0)!.Value,
            minHistory,
            reader.Enum(obj, "direction", path, BreachDirection.Both),
            severity,
            minSamples)
        { BreachZ = SamplingZ(obj, "breachZ", path, reader, hasSamplingError) });
    }

    /// <summary>
    /// A number of standard errors (<c>breachZ</c> of static and spike, <c>noiseZ</c> of EWMA): only for a percentage or
    /// mean KPI, whose sampling error is known.
    /// </summary>
    private static double? SamplingZ(JsonElement obj, string name, string path, RuleReader reader, bool hasSamplingError)
    {
        var z = reader.Number(obj, name, path, null, 0, 10);
        if (z is not null && !hasSamplingError)
        {
            reader.Error(
                RuleReader.Path(path, name),
                "applies to percentage and mean KPIs only (a share of contacts or an average, whose sampling error is known)");
        }

        return z;
    }

    private static LevelShiftDetectorRule LevelShift(
        JsonElement obj, string path, RuleReader reader, AlertSeverity severity, int minSamples)
    {
        var breachT = reader.Number(obj, "breachT", path, 6, 0.5)!.Value;
        var clearT = reader.Number(obj, "clearT", path, 3, 0)!.Value;
        if (clearT > breachT)
        {
            reader.Error(RuleReader.Path(path, "clearT"), "must be ≤ breachT");
        }

        return new LevelShiftDetectorRule(new LevelShiftOptions(
            reader.Integer(obj, "referenceWindows", path, 60, 2, 100_000),
            reader.Integer(obj, "recentWindows", path, 15, 2, 100_000),
            breachT,
            clearT,
            reader.Number(obj, "minChange", path, 0, 0)!.Value,
            reader.Number(obj, "minStdDev", path, 0.000001, 0.000001)!.Value,
            reader.Enum(obj, "direction", path, BreachDirection.Both),
            severity,
            minSamples));
    }

    private static void CheckOrder(
        RuleReader reader, string path, string clearName, double? clear, string limitName, double? limit, bool clearMustBeBelow)
    {
        if (clear is null)
        {
            return;
        }

        if (limit is null)
        {
            reader.Error(RuleReader.Path(path, clearName), $"needs {limitName}");
        }
        else if (clearMustBeBelow ? clear > limit : clear < limit)
        {
            reader.Error(RuleReader.Path(path, clearName), clearMustBeBelow ? $"must be ≤ {limitName}" : $"must be ≥ {limitName}");
        }
    }
}

using System.Text.Json;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Windows;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>Parses one entry of the <c>rules</c> array.</summary>
internal static class AlertRuleParser
{
    public static AlertRule? Parse(JsonElement obj, string path, RuleReader reader, WindowSpec defaultWindow, AlertPolicy defaultPolicy)
    {
        reader.RejectUnknown(obj, path, "id", "description", "kpi", "slices", "window", "alerting", "route", "detectors");
        var id = reader.String(obj, "id", path, required: true);
        var kpiName = reader.String(obj, "kpi", path, required: true);
        KpiId kpi = default;
        if (kpiName is not null && !KpiCatalog.TryParse(kpiName, out kpi))
        {
            reader.Error(RuleReader.Path(path, "kpi"), $"must be one of: {string.Join(", ", Enum.GetNames<KpiId>())} (got \"{kpiName}\")");
        }

        var slices = ReadSlices(obj, path, reader);
        var window = RuleSetParser.ReadWindow(obj, path, reader, defaultWindow);
        var policy = RuleSetParser.ReadPolicy(obj, path, reader, defaultPolicy);
        var route = ReadRoute(obj, path, reader);
        var hasSamplingError = kpiName is not null && KpiCatalog.Get(kpi).Kind is KpiValueKind.Percent or KpiValueKind.Mean;
        var detectors = ReadDetectors(obj, path, reader, window.Size, hasSamplingError);
        return id is null || kpiName is null ? null : new AlertRule(id, kpi, slices, window, detectors, policy, route);
    }

    private static List<SliceSelector> ReadSlices(JsonElement obj, string path, RuleReader reader)
    {
        var selectors = new List<SliceSelector>();
        if (reader.Field(obj, "slices", path, false, JsonValueKind.Array) is not { } array)
        {
            selectors.Add(new SliceSelector(Slices.SliceDimension.All, null));
            return selectors;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var itemPath = $"{path}.slices[{index++}]";
            var selector = element.ValueKind == JsonValueKind.String ? SliceSelector.Parse(element.GetString()) : null;
            if (selector is null)
            {
                reader.Error(
                    itemPath,
                    "must be \"all\", \"<dimension>=<value>\" or \"<dimension>=*\" with dimension channel, queue, team or region");
            }
            else if (selectors.Any(s => s.Overlaps(selector)))
            {
                reader.Error(itemPath, $"\"{selector}\" overlaps another slice of this rule");
            }
            else
            {
                selectors.Add(selector);
            }
        }

        if (index == 0)
        {
            reader.Error(RuleReader.Path(path, "slices"), "must hold at least one slice");
        }

        return selectors;
    }

    private static RoutingHint ReadRoute(JsonElement obj, string path, RuleReader reader)
    {
        var routePath = RuleReader.Path(path, "route");
        if (reader.Field(obj, "route", path, false, JsonValueKind.Object) is not { } route)
        {
            return RoutingHint.None;
        }

        reader.RejectUnknown(route, routePath, "team", "skill", "issueType");
        return new RoutingHint(
            reader.String(route, "team", routePath),
            reader.String(route, "skill", routePath),
            reader.String(route, "issueType", routePath));
    }

    private static List<DetectorRule> ReadDetectors(
        JsonElement obj, string path, RuleReader reader, TimeSpan windowSize, bool hasSamplingError)
    {
        var detectors = new List<DetectorRule>();
        if (reader.Field(obj, "detectors", path, true, JsonValueKind.Array) is not { } array)
        {
            return detectors;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var itemPath = $"{path}.detectors[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                reader.Error(itemPath, "must be an object");
            }
            else if (DetectorRuleParser.Parse(element, itemPath, reader, windowSize, hasSamplingError) is { } detector)
            {
                detectors.Add(detector);
            }
        }

        if (index == 0)
        {
            reader.Error(RuleReader.Path(path, "detectors"), "must hold at least one detector");
        }

        return detectors;
    }
}

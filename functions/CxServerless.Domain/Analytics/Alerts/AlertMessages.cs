using System.Globalization;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>
/// The standard alert messages: one fixed template per transition, in plain words, so that people under pressure read
/// every alert the same way (docs/alert-rules.md lists them).
/// <list type="bullet">
/// <item><c>{Severity}: {KPI} for {slice} is {value}, {above|below} the {baseline kind} of {baseline}. Window {start}–{end} UTC.</c></item>
/// <item><c>Resolved: {KPI} for {slice} is back to normal at {value} after {n} normal window(s). Window ending {end} UTC.</c></item>
/// </list>
/// </summary>
public static class AlertMessages
{
    /// <summary>The message of an open alert.</summary>
    public static string Breach(AlertSeverity severity, KpiId kpi, Slice slice, DetectorVerdict verdict, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var definition = KpiCatalog.Get(kpi);
        var side = verdict.Direction == BreachDirection.Below ? "below" : "above";
        var baseline = verdict.Baseline is { } b ? $", {side} the {verdict.BaselineKind} of {Format(b, definition.Unit)}" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{severity}: {definition.DisplayName} for {slice} is {Format(verdict.Value, definition.Unit)}{baseline}. Window {Time(start)}–{Time(end)} UTC.");
    }

    /// <summary>The message of a recovered alert.</summary>
    public static string Recovered(KpiId kpi, Slice slice, double value, int normalWindows, DateTimeOffset end)
    {
        var definition = KpiCatalog.Get(kpi);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Resolved: {definition.DisplayName} for {slice} is back to normal at {Format(value, definition.Unit)} after {normalWindows} normal {(normalWindows == 1 ? "window" : "windows")}. Window ending {Time(end)} UTC.");
    }

    /// <summary>A value with its unit, rounded to two decimals: <c>95 s</c>, <c>12.5%</c>, <c>4.2</c>.</summary>
    public static string Format(double value, string unit)
    {
        var number = Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
        return unit switch
        {
            "" => number,
            "%" => number + "%",
            _ => number + " " + unit,
        };
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

using System.Globalization;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>
/// The standard alert messages: one fixed template per transition, in plain words, so that people under pressure read
/// every alert the same way (docs/alert-rules.md lists them).
/// <list type="bullet">
/// <item><c>{Severity}: {KPI} for {slice} is {value}, {above|below} the {baseline kind} of {baseline}[ (opened at {opening},
/// worst {worst})]. Window {start}–{end} UTC.</c></item>
/// <item><c>Resolved: {KPI} for {slice} is back to normal at {value} after {n} normal window(s) (opened at {opening}, worst
/// {worst}). Window ending {end} UTC.</c></item>
/// </list>
/// The part in brackets is on every update and on resolution (not on the opening message, where all three are the
/// same), so a resolved alert never reads like a normal figure alone.
/// </summary>
public static class AlertMessages
{
    /// <summary>
    /// The message of an open alert; with <paramref name="opening"/> and <paramref name="worst"/> (an update), also the
    /// value it opened at and its worst so far.
    /// </summary>
    public static string Breach(
        AlertSeverity severity,
        KpiId kpi,
        Slice slice,
        DetectorVerdict verdict,
        DateTimeOffset start,
        DateTimeOffset end,
        double? opening = null,
        double? worst = null)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var definition = KpiCatalog.Get(kpi);
        var side = verdict.Direction == BreachDirection.Below ? "below" : "above";
        var baseline = verdict.Baseline is { } b ? $", {side} the {verdict.BaselineKind} of {Format(b, definition.Unit)}" : string.Empty;
        var value = Format(verdict.Value, definition.Unit);
        var history = History(opening, worst, definition.Unit);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{severity}: {definition.DisplayName} for {slice} is {value}{baseline}{history}. Window {Time(start)}–{Time(end)} UTC.");
    }

    /// <summary>The message of a recovered alert, with the value it opened at and its worst when known.</summary>
    public static string Recovered(
        KpiId kpi, Slice slice, double value, int normalWindows, DateTimeOffset end, double? opening = null, double? worst = null)
    {
        var definition = KpiCatalog.Get(kpi);
        var windows = normalWindows == 1 ? "window" : "windows";
        var normal = Format(value, definition.Unit);
        var history = History(opening, worst, definition.Unit);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Resolved: {definition.DisplayName} for {slice} is back to normal at {normal} "
            + $"after {normalWindows} normal {windows}{history}.")
            + string.Create(CultureInfo.InvariantCulture, $" Window ending {Time(end)} UTC.");
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

    private static string History(double? opening, double? worst, string unit) =>
        opening is { } o && worst is { } w ? $" (opened at {Format(o, unit)}, worst {Format(w, unit)})" : string.Empty;

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

using System.Globalization;
using CxServerless.Domain;
using CxServerless.Domain.Events;
using CxSim.Incidents;

namespace CxSim.Cli;

/// <summary>
/// The command-line form of an incident: <c>kind[*magnitude]@start+duration[:slice]</c>, for example
/// <c>wait-spike@10:00+30m:queue=billing</c> or <c>abandonment-surge*3@T+2h+45m:channel=voice,region=emea</c>.
/// <list type="bullet">
/// <item><c>kind</c>: <c>wait-spike</c>, <c>csat-dip</c>, <c>abandonment-surge</c>, <c>dead-queue</c>.</item>
/// <item><c>start</c>: <c>HH:mm</c> (the first such local time, in the curve's UTC offset, at or after the simulation start),
/// <c>T+duration</c> (after the simulation start) or an ISO 8601 time with offset.</item>
/// <item><c>slice</c>: <c>key=value</c> pairs joined by commas; keys <c>channel</c>, <c>queue</c>, <c>team</c>, <c>region</c>.</item>
/// </list>
/// </summary>
public static class IncidentSpec
{
    /// <summary>Parses a spec; throws <see cref="FormatException"/> that says what is wrong.</summary>
    public static Incident Parse(string spec, DateTimeOffset simulationStart, TimeSpan utcOffset)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var at = spec.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new FormatException(
                $"Incident '{spec}' needs the form kind@start+duration[:slice], e.g. wait-spike@10:00+30m:queue=billing.");
        }

        var (kind, magnitude) = ParseKind(spec[..at]);
        var rest = spec[(at + 1)..];
        var colon = SliceSeparator(rest);
        var slice = colon < 0 ? IncidentSlice.All : ParseSlice(rest[(colon + 1)..]);
        var when = colon < 0 ? rest : rest[..colon];
        var plus = when.LastIndexOf('+');
        if (plus <= 0 || !DurationText.TryParse(when[(plus + 1)..], out var duration) || duration <= TimeSpan.Zero)
        {
            throw new FormatException($"Incident '{spec}' needs a positive duration after '+', e.g. @10:00+30m.");
        }

        var start = ParseStart(when[..plus], simulationStart, utcOffset);
        return new Incident(kind, start, start + duration, slice, magnitude);
    }

    /// <summary>Parses an incident kind name (<c>wait-spike</c>, …), with an optional <c>*magnitude</c>.</summary>
    public static (IncidentKind Kind, double? Magnitude) ParseKind(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var star = text.IndexOf('*', StringComparison.Ordinal);
        var name = (star < 0 ? text : text[..star]).Trim();
        var kind = Enum.GetValues<IncidentKind>().Select(k => (IncidentKind?)k)
            .FirstOrDefault(k => string.Equals(IncidentLabel.KindName(k!.Value), name, StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException(
                $"Unknown incident kind '{name}'. "
                + $"Known: {string.Join(", ", Enum.GetValues<IncidentKind>().Select(IncidentLabel.KindName))}.");
        if (star < 0)
        {
            return (kind, null);
        }

        return double.TryParse(text[(star + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0
            ? (kind, m)
            : throw new FormatException($"Incident magnitude '{text[(star + 1)..]}' is not a positive number.");
    }

    /// <summary>Parses <c>HH:mm</c>, <c>T+duration</c> or an ISO 8601 time into an event time.</summary>
    public static DateTimeOffset ParseStart(string text, DateTimeOffset simulationStart, TimeSpan utcOffset)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("T+", StringComparison.OrdinalIgnoreCase))
        {
            return DurationText.TryParse(text[2..], out var offset)
                ? simulationStart + offset
                : throw new FormatException($"'{text}' is not T+duration (e.g. T+2h).");
        }

        if (TimeOnly.TryParseExact(text, ["H:mm", "HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            var localStart = simulationStart.ToOffset(utcOffset);
            var candidate = new DateTimeOffset(localStart.Date + clock.ToTimeSpan(), utcOffset);
            return (candidate < localStart ? candidate.AddDays(1) : candidate).ToUniversalTime();
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var absolute)
            ? absolute.ToUniversalTime()
            : throw new FormatException($"Incident start '{text}' is not HH:mm, T+duration or an ISO 8601 time.");
    }

    /// <summary>Parses <c>key=value[,key=value]</c> into a slice.</summary>
    public static IncidentSlice ParseSlice(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slice = IncidentSlice.All;
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq].Trim().ToLowerInvariant();
            var value = eq < 0 ? string.Empty : pair[(eq + 1)..].Trim();
            if (value.Length == 0)
            {
                throw new FormatException($"Slice part '{pair}' needs key=value (keys: channel, queue, team, region).");
            }

            slice = key switch
            {
                "channel" => slice with
                {
                    Channel = Enum.TryParse<CxChannel>(value, ignoreCase: true, out var c)
                        ? c
                        : throw new FormatException($"Unknown channel '{value}'."),
                },
                "queue" => slice with { Queue = value },
                "team" => slice with { Team = value },
                "region" => slice with { Region = value },
                _ => throw new FormatException($"Unknown slice key '{key}' (keys: channel, queue, team, region)."),
            };
        }

        return slice;
    }

    // The slice starts at the first ':' after the start/duration, but HH:mm and ISO times contain ':' themselves.
    private static int SliceSeparator(string rest)
    {
        var plus = rest.LastIndexOf('+');
        return plus < 0 ? -1 : rest.IndexOf(':', plus);
    }
}

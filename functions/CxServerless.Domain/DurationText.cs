using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace CxServerless.Domain;

/// <summary>
/// Durations as people write them, in the rules file, in query strings and on cx-sim's command line: whole or decimal
/// amounts with units (<c>500ms</c>, <c>90s</c>, <c>15m</c>, <c>2h</c>, <c>7d</c>, and compounds such as <c>1h30m</c>),
/// ISO 8601 (<c>PT15M</c>), or <c>hh:mm:ss</c>. The one parser of the repository.
/// </summary>
public static partial class DurationText
{
    /// <summary>The largest amount of one unit accepted, so that no text overflows a <see cref="TimeSpan"/>.</summary>
    private const double MaxAmount = 1_000_000;

    /// <summary>Parses a duration; returns false when the text is not one.</summary>
    /// <param name="text">The text.</param>
    /// <param name="duration">The duration, or zero.</param>
    /// <returns>True when <paramref name="text"/> is a duration.</returns>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.StartsWith('P'))
        {
            return TryParseIso(text, out duration);
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
        }

        var match = Units().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var total = TimeSpan.Zero;
        var amounts = match.Groups["amount"].Captures;
        var units = match.Groups["unit"].Captures;
        for (var i = 0; i < amounts.Count; i++)
        {
            var amount = double.Parse(amounts[i].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            if (amount > MaxAmount)
            {
                return false;
            }

            total += units[i].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        duration = total;
        return true;
    }

    /// <summary>A short form for messages: <c>45s</c>, <c>1h30m</c>, <c>2d3h</c>.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text, which <see cref="TryParse"/> reads back to the same duration (to the second).</returns>
    public static string Format(TimeSpan duration)
    {
        if (duration.TotalSeconds < 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#}s");
        }

        var parts = new List<string>();
        if (duration.Days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Days}d"));
        }

        if (duration.Hours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Hours}h"));
        }

        if (duration.Minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes}m"));
        }

        if (duration.Seconds > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds}s"));
        }

        return string.Concat(parts);
    }

    private static bool TryParseIso(string text, out TimeSpan duration)
    {
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            duration = TimeSpan.Zero;
            return false;
        }
    }

    [GeneratedRegex(@"^(?:(?<amount>\d{1,9}(?:\.\d{1,6})?)(?<unit>ms|d|h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Units();
}

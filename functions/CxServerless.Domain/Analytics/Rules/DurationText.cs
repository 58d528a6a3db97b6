using System.Globalization;
using System.Xml;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>Durations in the rules file: a whole number and a unit (<c>90s</c>, <c>15m</c>, <c>2h</c>, <c>7d</c>, <c>500ms</c>) or ISO 8601 (<c>PT15M</c>).</summary>
public static class DurationText
{
    /// <summary>Parses a duration; returns false when the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.StartsWith('P'))
        {
            return TryParseIso(text, out duration);
        }

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 1_000_000)
        {
            return false;
        }

        TimeSpan? parsed = text[digits..] switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            "d" => TimeSpan.FromDays(amount),
            _ => null,
        };
        duration = parsed ?? default;
        return parsed is not null;
    }

    private static bool TryParseIso(string text, out TimeSpan duration)
    {
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            duration = default;
            return false;
        }
        catch (OverflowException)
        {
            duration = default;
            return false;
        }
    }
}

using System.Globalization;
using System.Text.Json;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>Small readers the adapters share: ARN regions, epoch seconds, one result per array item.</summary>
internal static class AdapterParts
{
    /// <summary>
    /// The AWS region of an ARN: the field after the service (<c>arn:aws:connect:us-east-1:…</c>). Tolerates the empty
    /// partition field of AWS's own contact-event sample (<c>arn:aws::connect:us-west-2:…</c>).
    /// </summary>
    public static string? RegionOf(string? arn, string service)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var marker = ":" + service + ":";
        var at = arn.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + marker.Length;
        var end = arn.IndexOf(':', start);
        return end > start ? arn[start..end] : null;
    }

    /// <summary>A time written as Unix epoch seconds (a number or digits in a string), else ISO 8601 text.</summary>
    public static DateTimeOffset? SecondsOrIso(FieldReader r, JsonElement start, string name)
    {
        var text = r.Text(start, name);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds is > 0 and < 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        }

        return FieldReader.TryParseTime(text, out var time) ? time : null;
    }

    /// <summary>One result per item of an array, read by <paramref name="adapt"/>.</summary>
    public static List<AdapterResult> Each(JsonElement array, Func<JsonElement, AdapterResult> adapt)
    {
        var results = new List<AdapterResult>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            results.Add(item.ValueKind == JsonValueKind.Object
                ? adapt(item)
                : new Rejection(QuarantineReason.InvalidField, "a list item is not an object"));
        }

        return results;
    }

    /// <summary>The text of a required property of <paramref name="start"/>, or a recorded missing field.</summary>
    public static string Required(FieldReader r, JsonElement start, string name, string path)
    {
        var value = r.Text(start, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            r.Fail(QuarantineReason.MissingField, $"{path} is required");
            return string.Empty;
        }

        return value;
    }

    /// <summary>A required time already read, or a recorded missing field named by <paramref name="path"/>.</summary>
    public static DateTimeOffset RequiredTime(FieldReader r, DateTimeOffset? time, string path)
    {
        if (time is null)
        {
            r.Fail(QuarantineReason.MissingField, $"{path} is required");
        }

        return time ?? DateTimeOffset.UnixEpoch;
    }
}

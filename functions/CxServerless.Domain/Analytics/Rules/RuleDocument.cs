using System.Text.Json;
using System.Text.RegularExpressions;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>
/// The shared first steps of reading a versioned rules file: parse the JSON (comments and trailing commas allowed),
/// require an object at the root, and read the <c>version</c> field; the caller reads the rest with the same
/// <see cref="RuleReader"/>, so every problem of the file is listed in one pass.
/// </summary>
internal static partial class RuleDocument
{
    private static readonly JsonDocumentOptions DocumentOptions =
        new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses <paramref name="json"/> and reads its root object; never throws for bad input.</summary>
    /// <typeparam name="T">What the file holds.</typeparam>
    /// <param name="json">The file's text.</param>
    /// <param name="readRoot">Reads the root object, reporting problems to the reader.</param>
    /// <returns>The value when no problem was found, else null and every problem.</returns>
    public static (T? Value, IReadOnlyList<RuleError> Errors) Read<T>(string json, Func<JsonElement, RuleReader, T> readRoot)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(readRoot);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            return (null, [new RuleError("$", $"is not valid JSON (line {e.LineNumber + 1})")]);
        }

        using (document)
        {
            var reader = new RuleReader();
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                reader.Error("$", "must be an object");
                return (null, reader.Errors);
            }

            var value = readRoot(document.RootElement, reader);
            return reader.Errors.Count == 0 ? (value, []) : (null, reader.Errors);
        }
    }

    /// <summary>Reads the required <c>version</c> field of the root object: 1 to 64 letters, digits, '.', '_' or '-'.</summary>
    /// <param name="root">The root object.</param>
    /// <param name="reader">Where problems go.</param>
    /// <returns>The version, or empty when missing or wrong (a problem is then reported).</returns>
    public static string Version(JsonElement root, RuleReader reader)
    {
        var version = reader.String(root, "version", string.Empty, required: true) ?? string.Empty;
        if (version.Length > 0 && !VersionPattern().IsMatch(version))
        {
            reader.Error("version", "must be 1 to 64 letters, digits, '.', '_' or '-'");
        }

        return version;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex VersionPattern();
}

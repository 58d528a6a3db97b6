using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CxServerless.Domain.Access;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Tasks;

/// <summary>What the task inbox functions share: input rules, paging tokens and the mapping of a task to its contract.</summary>
internal static class TaskRequests
{
    /// <summary>The largest request body accepted.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The longest comment, in characters, before masking.</summary>
    public const int MaxCommentLength = 4000;

    /// <summary>The longest resolution, reason or note, in characters, before masking.</summary>
    public const int MaxNoteLength = 2000;

    private const string TokenPrefix = "tk1.";

    /// <summary>Returns why a task id is invalid, or null when it is well formed.</summary>
    public static string? CheckTaskId(string? id) =>
        string.IsNullOrEmpty(id) || id.Length > 160 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? "The task id must be 1 to 160 letters, digits, '-' or '_'."
            : null;

    /// <summary>True when a body is over <see cref="MaxBodyBytes"/>.</summary>
    public static bool IsTooLarge(string? body) => body is not null && Encoding.UTF8.GetByteCount(body) > MaxBodyBytes;

    /// <summary>Reads a JSON object body into its contract; an empty body is allowed only when <paramref name="optional"/>.</summary>
    public static bool TryRead<T>(string? body, JsonTypeInfo<T> contract, bool optional, string shape, out T? value, out string? problem)
        where T : class
    {
        value = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            problem = optional ? null : $"The body must be JSON: {shape}.";
            return optional;
        }

        try
        {
            value = JsonSerializer.Deserialize(body, contract);
        }
        catch (JsonException ex)
        {
            problem = ex.LineNumber is { } line
                ? $"The body is not valid JSON of the form {shape} (line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})."
                : $"The body is not valid JSON of the form {shape}.";
            return false;
        }

        if (value is null)
        {
            problem = $"The body must be JSON: {shape}.";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Checks a text field (required or not, at most <paramref name="max"/> characters) and masks personal data in it.
    /// Returns null with no problem for an absent optional field.
    /// </summary>
    public static string? CleanText(string? text, string field, bool required, int max, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = required ? $"{field} is required." : null;
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > max)
        {
            problem = $"{field} is {trimmed.Length.ToString(CultureInfo.InvariantCulture)} characters long; at most " +
                $"{max.ToString(CultureInfo.InvariantCulture)} are accepted.";
            return null;
        }

        return PiiMasker.Mask(trimmed);
    }

    /// <summary>The paging key of a task: the list is ordered by creation time, newest first, then by id.</summary>
    public static string EncodeToken(TaskRecord last)
    {
        ArgumentNullException.ThrowIfNull(last);
        var key = last.CreatedAt.UtcTicks.ToString("D20", CultureInfo.InvariantCulture) + "|" + last.TaskId;
        return TokenPrefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>Reads a token <see cref="EncodeToken"/> made; false for any other text.</summary>
    public static bool TryDecodeToken(string text, out (long Ticks, string TaskId) key)
    {
        key = default;
        if (text.Length > 512 || !text.StartsWith(TokenPrefix, StringComparison.Ordinal)
            || !Base64Url.IsValid(text.AsSpan(TokenPrefix.Length)))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text.AsSpan(TokenPrefix.Length))).Split('|', 2);
        if (parts.Length != 2 || parts[0].Length != 20 || CheckTaskId(parts[1]) is not null
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return false;
        }

        key = (ticks, parts[1]);
        return true;
    }

    /// <summary>True when <paramref name="task"/> comes after the paging key in the list's order.</summary>
    public static bool IsAfter(TaskRecord task, (long Ticks, string TaskId) key) =>
        task.CreatedAt.UtcTicks < key.Ticks
        || (task.CreatedAt.UtcTicks == key.Ticks && string.CompareOrdinal(task.TaskId, key.TaskId) > 0);

    /// <summary>Maps a task to its contract for <paramref name="caller"/>.</summary>
    public static TaskResponse ToResponse(TaskRecord t, CallerPrincipal caller) => new(
        t.TaskId, t.AlertId, t.Title, t.Severity, t.Kpi, t.Slice, t.Team, t.Source, t.Status, t.CreatedAt, t.Assignee, t.AssigneeName,
        t.AssignedAt, t.Level, t.DueAt, t.SlaBreached, t.Closure, t.ClosureNote, t.AcknowledgedBy, t.AcknowledgedAt, t.ClosedBy, t.ClosedAt,
        !t.IsClosed && TaskAccess.CanAct(caller.Subject, t.Team, t.Assignee));

    /// <summary>Maps a task and its timeline to the detail contract.</summary>
    public static TaskDetailResponse ToDetail(TaskRecord task, IReadOnlyList<TimelineEntry> timeline, CallerPrincipal caller) => new(
        ToResponse(task, caller),
        [.. timeline.Select(e => new TimelineEntryResponse(e.Key, e.At, e.Kind, e.By, e.Text, e.Person))]);

    /// <summary>The caller as the list shows them.</summary>
    public static TaskViewerResponse Viewer(CallerPrincipal caller) => new(
        caller.Name, caller.UserId, [.. caller.Roles.Order(StringComparer.Ordinal)], caller.Team, TaskAccess.Scope(caller.Subject),
        caller.IsDevelopment);

    /// <summary>Parses <c>top</c>: 1 to <paramref name="max"/>, <paramref name="fallback"/> when absent.</summary>
    public static int? ParseTop(IReadOnlyDictionary<string, string> query, int fallback, int max) =>
        !query.TryGetValue("top", out var text) || text.Length == 0
            ? fallback
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top >= 1 && top <= max ? top : null;
}

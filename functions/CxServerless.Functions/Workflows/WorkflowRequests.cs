using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxServerless.Domain.Ingestion.Privacy;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Workflows;

/// <summary>What the workflow management functions share: input rules and the mapping of an instance to its contract.</summary>
internal static class WorkflowRequests
{
    /// <summary>The largest request body the management API accepts (an event payload, a reason).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The longest instance id: the Azure Storage provider keys table rows and blobs by it.</summary>
    public const int MaxInstanceIdLength = 256;

    /// <summary>Returns why an instance id is invalid, or null when it is valid.</summary>
    public static string? CheckInstanceId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "The instance id is missing.";
        }

        if (id.Length > MaxInstanceIdLength)
        {
            return $"The instance id is longer than {MaxInstanceIdLength} characters.";
        }

        // Table keys may not hold these, so no stored instance has them.
        return id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? "The instance id may not contain '/', '\\', '#', '?' or control characters."
            : null;
    }

    /// <summary>Returns why an event name is invalid, or null when it is valid.</summary>
    public static string? CheckEventName(string? name) =>
        string.IsNullOrEmpty(name) || name.Length > 128 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? "The event name must be 1 to 128 letters, digits, '-', '_' or '.'."
            : null;

    /// <summary>Wraps the provider's continuation token in the opaque form the API hands out.</summary>
    public static string? EncodeToken(string? token) =>
        token is null ? null : TokenPrefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    /// <summary>Unwraps a continuation token the API handed out; false for any other text.</summary>
    public static bool TryDecodeToken(string text, out string? token)
    {
        token = null;
        if (!text.StartsWith(TokenPrefix, StringComparison.Ordinal) || !Base64Url.IsValid(text.AsSpan(TokenPrefix.Length)))
        {
            return false;
        }

        token = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text.AsSpan(TokenPrefix.Length)));
        return token.Length > 0;
    }

    private const string TokenPrefix = "wf1.";

    /// <summary>Returns why a body is too large, or null when it fits.</summary>
    public static bool IsTooLarge(string? body) => body is not null && Encoding.UTF8.GetByteCount(body) > MaxBodyBytes;

    /// <summary>Parses a JSON body; an empty body is JSON null.</summary>
    public static bool TryParseJson(string? body, out JsonNode? value, out string? problem)
    {
        value = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            return true;
        }

        try
        {
            value = JsonNode.Parse(body);
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).";
            return false;
        }
    }

    /// <summary>
    /// Masks personal data in every string of a JSON value, keys and structure untouched, so that nothing an operator
    /// types reaches a workflow's stored history in clear.
    /// </summary>
    public static JsonNode? MaskStrings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    obj[key] = MaskStrings(child?.DeepClone());
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = MaskStrings(array[i]?.DeepClone());
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(PiiMasker.Mask(value.GetValue<string>()));
            default:
                return node;
        }
    }

    /// <summary>Maps an instance to its contract.</summary>
    public static WorkflowInstanceResponse ToResponse(OrchestrationMetadata state, JsonNode? history = null) => new(
        state.InstanceId,
        state.Name,
        state.RuntimeStatus.ToString(),
        state.CreatedAt,
        state.LastUpdatedAt,
        ParseStored(state.SerializedInput),
        ParseStored(state.SerializedOutput),
        ParseStored(state.SerializedCustomStatus),
        state.FailureDetails is { } failure ? new WorkflowFailureResponse(failure.ErrorType, failure.ErrorMessage) : null,
        history);

    /// <summary>A stored payload as JSON; text that is not JSON is returned as a JSON string.</summary>
    public static JsonNode? ParseStored(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace CxHost.EventHubs;

/// <summary>
/// The producer side: the Event Hubs REST send API, <c>POST /{hub}/messages</c> (single event or batch), answering 201
/// like Event Hubs. <c>?api-version=</c>, <c>?timeout=</c> and an <c>Authorization</c> SAS header are accepted and ignored.
/// When the event log's storage cannot be reached it answers 503 with <c>Retry-After</c>, as Event Hubs answers a send it
/// cannot take now (<c>ServerBusy</c>), so producers retry instead of treating the send as a bug; nothing was appended.
/// </summary>
public static partial class SendEndpoint
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapEventHubSend(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{hub}/messages", SendAsync);
        return app;
    }

    /// <summary>Seconds a producer is asked to wait before sending again while storage is unreachable.</summary>
    public const int RetryAfterSeconds = 1;

    private static async Task<IResult> SendAsync(
        string hub, HttpRequest request, EventLog log, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!HubName().IsMatch(hub))
        {
            return Problem(
                StatusCodes.Status400BadRequest,
                "Invalid event hub name",
                $"'{hub}' is not a valid event hub name (letters, digits, '.', '_', '-'; 1-256).");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > SendRequestParser.MaxRequestBytes)
        {
            return Problem(
                StatusCodes.Status413PayloadTooLarge,
                "Request too large",
                $"The request is {buffer.Length} bytes; the limit is {SendRequestParser.MaxRequestBytes}.");
        }

        var events = SendRequestParser.TryParse(
            request.ContentType, request.Headers["BrokerProperties"].FirstOrDefault(), buffer.ToArray(), out var error);
        if (events is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid send request", error!);
        }

        try
        {
            await log.AppendAsync(hub, events, cancellationToken);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The producer went away mid-request: nobody reads the answer; if it sends again, ingestion drops the repeats by event id.
            return Results.Empty;
        }
        catch (Exception ex) when (Storage.StorageFailure.IsTransient(ex))
        {
            LogStorageUnavailable(loggers.CreateLogger(typeof(SendEndpoint)), hub, ex.GetType().Name);
            request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Problem(
                StatusCodes.Status503ServiceUnavailable,
                "Event log unavailable",
                $"The events were not accepted: the event log's storage did not answer ({ex.GetType().Name}). Send them again.");
        }

        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Send to {Hub} refused with 503: the event log's storage failed ({ExceptionType})")]
    private static partial void LogStorageUnavailable(ILogger logger, string hub, string exceptionType);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$")]
    private static partial Regex HubName();
}

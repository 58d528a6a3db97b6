using System.Text.RegularExpressions;

namespace CxHost.EventHubs;

/// <summary>
/// The producer side: the Event Hubs REST send API, <c>POST /{hub}/messages</c> (single event or batch), answering 201
/// like Event Hubs. <c>?api-version=</c>, <c>?timeout=</c> and an <c>Authorization</c> SAS header are accepted and ignored.
/// </summary>
public static partial class SendEndpoint
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapEventHubSend(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{hub}/messages", SendAsync);
        return app;
    }

    private static async Task<IResult> SendAsync(string hub, HttpRequest request, EventLog log, CancellationToken cancellationToken)
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

        await log.AppendAsync(hub, events, cancellationToken);
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$")]
    private static partial Regex HubName();
}

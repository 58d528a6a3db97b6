using System.Net.Sockets;
using Azure.Identity;
using Azure.Messaging.EventHubs;

namespace CxSim.Sending;

/// <summary>
/// What an exception from the Event Hubs SDK means for a send: worth a retry, a refusal of the credentials, or final.
/// The reason names exception types and failure reasons only, never exception messages, which may quote payload text.
/// </summary>
/// <param name="Reason">
/// E.g. <c>EventHubsException(ServiceBusy)</c>, or <c>EventHubsException(ServiceCommunicationProblem) ← SocketException(…)</c>
/// with the inner exception.
/// </param>
/// <param name="Transient">
/// Whether another attempt may succeed: the SDK's <see cref="EventHubsException.IsTransient"/>, timeouts and socket errors.
/// </param>
/// <param name="Unauthorized">Whether the service or the credential refused: sending further is pointless.</param>
public sealed record SdkFailure(string Reason, bool Transient, bool Unauthorized)
{
    /// <summary>Classifies <paramref name="exception"/>; a cancellation that reaches here is a try that timed out.</summary>
    public static SdkFailure From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var reason = Describe(exception);
        if (exception.InnerException is { } inner)
        {
            reason += " ← " + Describe(inner);
        }

        var refused = Chain(exception).Any(e => e is UnauthorizedAccessException or AuthenticationFailedException);
        var transient = !refused && exception switch
        {
            EventHubsException eh => eh.IsTransient,
            TimeoutException or SocketException or IOException or OperationCanceledException => true,
            _ => false,
        };
        return new SdkFailure(reason, transient, refused);
    }

    private static string Describe(Exception exception) => exception switch
    {
        EventHubsException eh => $"{nameof(EventHubsException)}({eh.Reason})",
        SocketException socket => $"{nameof(SocketException)}({socket.SocketErrorCode})",
        _ => exception.GetType().Name,
    };

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}

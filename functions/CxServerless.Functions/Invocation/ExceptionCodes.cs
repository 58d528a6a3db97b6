using System.Globalization;

namespace CxServerless.Functions.Invocation;

/// <summary>
/// What the handler logs about a failure: the exception's type and codes (HRESULT; for Azure SDK failures the HTTP
/// status and error code), and the stack of the throwing frames. Never the message: an exception message may quote the
/// input (a JSON parser's, a payload's field), and logs must hold no personal data.
/// </summary>
public static class ExceptionCodes
{
    /// <summary>For example <c>RequestFailedException (HResult 0x80131500, status 503, code ServerBusy)</c>.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = string.Create(CultureInfo.InvariantCulture, $"{exception.GetType().Name} (HResult 0x{exception.HResult:X8}");
        if (exception is Azure.RequestFailedException failed)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", status {failed.Status}, code {failed.ErrorCode ?? "none"}");
        }

        return exception.InnerException is { } inner ? $"{text}) caused by {Describe(inner)}" : text + ")";
    }

    /// <summary>The stack trace, which names methods and lines only.</summary>
    public static string Stack(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StackTrace ?? string.Empty;
    }
}

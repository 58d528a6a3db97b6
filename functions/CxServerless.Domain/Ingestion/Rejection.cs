namespace CxServerless.Domain.Ingestion;

/// <summary>Why one event cannot be stored: a typed reason plus a short detail that never quotes payload values.</summary>
/// <param name="Reason">The quarantine reason.</param>
/// <param name="Detail">Which field or rule failed, for example <c>Agent.CustomerHoldDuration is negative</c>.</param>
public sealed record Rejection(QuarantineReason Reason, string Detail)
{
    /// <summary>
    /// An <c>unsupported-type</c> rejection that names the vendor and the type. The type comes from the payload, so only
    /// letters, digits and <c>. _ : / -</c> are kept, at most 80 of them, and anything personal is masked.
    /// </summary>
    public static Rejection Unsupported(string vendor, string? type, string what = "is not modelled")
    {
        var name = type is null ? string.Empty : Safe(type);
        var detail = name.Length == 0 ? $"{vendor}: a payload without a type {what}" : $"{vendor} {name} {what}";
        return new Rejection(QuarantineReason.UnsupportedType, detail);
    }

    private static string Safe(string type)
    {
        Span<char> buffer = stackalloc char[80];
        var n = 0;
        foreach (var c in type)
        {
            if (n == buffer.Length)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '/' or '-' or '{' or '}')
            {
                buffer[n++] = c;
            }
        }

        return Privacy.PiiMasker.Mask(new string(buffer[..n]));
    }
}

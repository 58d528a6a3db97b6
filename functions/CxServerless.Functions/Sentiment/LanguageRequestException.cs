namespace CxServerless.Functions.Sentiment;

/// <summary>Azure AI Language answered a request with an error status after the resilience pipeline's retries.</summary>
/// <param name="status">The HTTP status.</param>
/// <param name="code">Language's error code (<c>InvalidRequest</c>, <c>TooManyRequests</c>...), or null.</param>
public sealed class LanguageRequestException(int status, string? code)
    : Exception($"Azure AI Language answered HTTP {status} ({code ?? "no code"}).")
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>Language's error code, or null.</summary>
    public string? Code { get; } = code;
}

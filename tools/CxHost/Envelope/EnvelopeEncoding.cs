namespace CxHost.Envelope;

/// <summary>How values in an invocation's <c>Data</c> and <c>Metadata</c> are written.</summary>
public enum EnvelopeEncoding
{
    /// <summary>
    /// As the Functions host does: objects stay objects; strings, numbers, booleans and arrays become JSON strings
    /// holding their JSON (<c>JsonConvert.SerializeObject</c> in <c>GetHttpScriptInvocationContextValue</c>).
    /// </summary>
    DoubleEncoded,

    /// <summary>As the custom handler docs' samples show: every value as plain JSON.</summary>
    Plain,
}

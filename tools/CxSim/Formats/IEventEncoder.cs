using CxServerless.Domain.Events;

namespace CxSim.Formats;

/// <summary>
/// Turns a canonical event into the body a source system would send, and names that body's format. The canonical
/// encoder is the default. Vendor formats (Amazon Connect, Zendesk, …) plug in here once their ingestion adapters exist;
/// an encoder may choose per event, so a mix (say 20% vendor, 80% canonical) is one encoder that decides by event id.
/// </summary>
public interface IEventEncoder
{
    /// <summary>The body and its format name (sent as the <c>Format</c> user property, e.g. <c>canonical</c>).</summary>
    EncodedBody Encode(CxEvent cxEvent);
}

/// <summary>An encoded event body and the name of its format.</summary>
/// <param name="Body">The body as the source would send it.</param>
/// <param name="Format">The format name.</param>
public sealed record EncodedBody(string Body, string Format);

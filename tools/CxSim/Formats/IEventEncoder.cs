using CxServerless.Domain.Events;

namespace CxSim.Formats;

/// <summary>
/// Turns a canonical event into the body a source system would send. The canonical encoder is the default; vendor
/// formats (Amazon Connect, Zendesk, …) plug in here once their ingestion adapters exist.
/// </summary>
public interface IEventEncoder
{
    /// <summary>The format name sent in the <c>Format</c> user property (for example <c>canonical</c>).</summary>
    string Format { get; }

    /// <summary>The event body as the source would send it.</summary>
    string Encode(CxEvent cxEvent);
}

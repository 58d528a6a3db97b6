namespace CxServerless.Functions.Sentiment;

/// <summary>A text to score.</summary>
/// <param name="Id">The caller's id for it (never sent to Language).</param>
/// <param name="Text">The text; it is masked before anything scores it.</param>
/// <param name="Language">ISO 639-1 language such as <c>en</c>, or null for English.</param>
public sealed record SentimentDocument(string Id, string Text, string? Language);

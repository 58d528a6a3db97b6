using System.Globalization;

namespace CxServerless.Domain.Sentiment;

/// <summary>
/// The limits of a sentiment request, one source for the API, the scorer chain and the pipeline. They follow Azure AI
/// Language's synchronous limits, so that any document the app accepts can also be sent to Language unchanged.
/// </summary>
public static class SentimentLimits
{
    /// <summary>The most documents in one <c>POST /api/sentiment</c>.</summary>
    public const int MaxDocuments = 100;

    /// <summary>
    /// The most characters in one document, counted as Language counts them (text elements, so an emoji with modifiers
    /// is one): Language's limit for synchronous requests.
    /// </summary>
    public const int MaxCharacters = 5120;

    /// <summary>The longest document id.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Counts the characters of a text as Language does (<see cref="StringInfo.LengthInTextElements"/>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of text elements.</returns>
    public static int CharacterCount(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new StringInfo(text).LengthInTextElements;
    }
}

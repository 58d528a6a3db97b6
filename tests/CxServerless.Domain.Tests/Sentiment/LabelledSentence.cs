using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Domain.Tests.Sentiment;

/// <summary>
/// One sentence of the UCI "Sentiment Labelled Sentences" set (Kotzias et al., KDD 2015): 1 positive, 0 negative.
/// The files under <c>Labelled/</c> are the three sources as the npm package <c>sentiment</c> 5.0.2 ships them
/// (<c>test/fixtures/</c>), unchanged.
/// </summary>
internal sealed record LabelledSentence(
    [property: JsonPropertyName("text")] string Text, [property: JsonPropertyName("class")] int? Class)
{
    /// <summary>The development split: rules and the contact-centre lexicon were built looking at these only.</summary>
    public const string Development = "amazon";

    /// <summary>The held-out splits: the accuracy reported in docs/sentiment.md, never looked at while building.</summary>
    public static readonly string[] HeldOut = ["yelp", "imdb"];

    public bool Positive => Class == 1;

    public static IReadOnlyList<LabelledSentence> Load(string source)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Sentiment", "Labelled", source + ".json");
        var all = JsonSerializer.Deserialize<List<LabelledSentence>>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} is not a JSON array of sentences.");

        // Each file as the package ships it ends with one empty entry (no text, class null): not a sentence.
        return all.Where(s => s.Class is 0 or 1 && !string.IsNullOrWhiteSpace(s.Text)).ToList();
    }
}

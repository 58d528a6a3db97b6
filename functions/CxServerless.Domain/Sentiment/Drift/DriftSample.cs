namespace CxServerless.Domain.Sentiment.Drift;

/// <summary>
/// The labelled sample the drift check scores every day: 300 contact-centre sentences, 100 each positive, negative and
/// neutral, written for this app and embedded in the domain assembly (<c>drift-sample.tsv</c>, docs/sentiment.md).
/// </summary>
/// <remarks>
/// It is disjoint from the accuracy set the scorer is measured on (a test holds them apart), so the check does not
/// watch the sentences the scorer was tuned on.
/// </remarks>
public static class DriftSample
{
    private const string ResourceName = "CxServerless.Domain.Sentiment.Drift.drift-sample.tsv";
    private static readonly Lazy<IReadOnlyList<LabelledText>> Loaded = new(Load);

    /// <summary>Gets the sample, in file order.</summary>
    public static IReadOnlyList<LabelledText> All => Loaded.Value;

    /// <summary>Parses the sample's text: <c>label TAB text</c> a line; lines starting with <c>#</c> are comments.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The sentences.</returns>
    /// <exception cref="FormatException">A line is not a positive, negative or neutral sentence.</exception>
    public static IReadOnlyList<LabelledText> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<LabelledText>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var tab = trimmed.IndexOf('\t', StringComparison.Ordinal);
            var label = tab > 0 ? trimmed[..tab] : string.Empty;
            if (tab < 0 || label is not ("positive" or "negative" or "neutral") || string.IsNullOrWhiteSpace(trimmed[(tab + 1)..]))
            {
                throw new FormatException($"Line {number} of the drift sample is not 'positive|negative|neutral TAB text'.");
            }

            sentences.Add(new LabelledText(trimmed[(tab + 1)..], Enum.Parse<SentimentLabel>(label, ignoreCase: true)));
        }

        return sentences;
    }

    private static IReadOnlyList<LabelledText> Load()
    {
        using var stream = typeof(DriftSample).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The drift sample {ResourceName} is missing from the domain assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}

/// <summary>One sentence of the drift sample with the label a person gave it.</summary>
/// <param name="Text">The sentence.</param>
/// <param name="Expected">Positive, negative or neutral.</param>
public sealed record LabelledText(string Text, SentimentLabel Expected);

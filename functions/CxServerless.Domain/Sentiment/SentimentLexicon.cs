using System.Globalization;
using System.Reflection;

namespace CxServerless.Domain.Sentiment;

/// <summary>
/// The word and emoji valences the local scorer reads: the VADER lexicon (valence −4 to +4), AFINN-165 for words VADER
/// lacks (−5 to +5, scaled by <see cref="AfinnScale"/>), an emoji list derived from the Emoji Sentiment Ranking, and
/// the app's own contact-centre list, which wins over both. The files ship inside this assembly
/// (<c>Sentiment/Lexicon/</c>); their sources and licences are in <c>docs/sentiment.md</c>.
/// </summary>
public sealed class SentimentLexicon
{
    /// <summary>The factor that brings AFINN's −5..+5 to VADER's −4..+4.</summary>
    public const double AfinnScale = 0.8;

    /// <summary>The factor that brings the emoji list's −5..+5 (integer) to VADER's scale.</summary>
    public const double EmojiScale = 0.6;

    private static readonly Lazy<SentimentLexicon> Shipped = new(LoadShipped);

    private readonly Dictionary<string, double> _words;
    private readonly Dictionary<string, double> _emoji;

    private SentimentLexicon(Dictionary<string, double> words, Dictionary<string, double> emoji, string version)
    {
        _words = words;
        _emoji = emoji;
        Version = version;
    }

    /// <summary>The lexicon shipped with the app.</summary>
    public static SentimentLexicon Default => Shipped.Value;

    /// <summary>The lexicon version, recorded in every local score (<c>vader-3.3.2+afinn-165+emoji-1.0+cx-N</c>).</summary>
    public string Version { get; }

    /// <summary>The number of words and phrases.</summary>
    public int WordCount => _words.Count;

    /// <summary>The number of emoji.</summary>
    public int EmojiCount => _emoji.Count;

    /// <summary>Looks up a lower-case word, phrase or emoticon.</summary>
    /// <param name="word">The word.</param>
    /// <param name="valence">Its valence on VADER's scale.</param>
    /// <returns>Whether the lexicon has it.</returns>
    public bool TryGetWord(string word, out double valence) => _words.TryGetValue(word, out valence);

    /// <summary>Whether the lexicon has a word.</summary>
    /// <param name="word">The lower-case word.</param>
    /// <returns>True when it has a valence.</returns>
    public bool Contains(string word) => _words.ContainsKey(word);

    /// <summary>Looks up an emoji (variation selectors removed).</summary>
    /// <param name="emoji">The emoji.</param>
    /// <param name="valence">Its valence on VADER's scale.</param>
    /// <returns>Whether the list has it.</returns>
    public bool TryGetEmoji(string emoji, out double valence) => _emoji.TryGetValue(emoji, out valence);

    /// <summary>Builds a lexicon from the texts of its four files.</summary>
    /// <param name="vader">VADER's <c>vader_lexicon.txt</c>: token, mean valence, then columns this reader ignores (tab-separated).</param>
    /// <param name="afinn">AFINN-165 as <c>word TAB valence</c> lines.</param>
    /// <param name="emoji">Emoji as <c>emoji TAB valence</c> lines.</param>
    /// <param name="contactCentre">The app's list as <c>word TAB valence</c> lines; <c>#</c> starts a comment; the first comment
    /// line <c># version: N</c> names its version.</param>
    /// <returns>The lexicon.</returns>
    public static SentimentLexicon Parse(string vader, string afinn, string emoji, string contactCentre)
    {
        var words = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (token, valence) in Rows(vader))
        {
            words[token.ToLowerInvariant()] = valence;
        }

        foreach (var (token, valence) in Rows(afinn))
        {
            words.TryAdd(token.ToLowerInvariant(), Math.Round(valence * AfinnScale, 2));
        }

        var cxVersion = "0";
        foreach (var line in contactCentre.Split('\n'))
        {
            if (line.StartsWith("# version:", StringComparison.Ordinal))
            {
                cxVersion = line["# version:".Length..].Trim();
            }
        }

        foreach (var (token, valence) in Rows(contactCentre))
        {
            words[token.ToLowerInvariant()] = valence;
        }

        var emojis = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (token, valence) in Rows(emoji))
        {
            emojis[SentimentTokenizer.WithoutVariationSelectors(token)] = Math.Round(valence * EmojiScale, 2);
        }

        return new SentimentLexicon(words, emojis, $"vader-3.3.2+afinn-165+emoji-1.0+cx-{cxVersion}");
    }

    private static IEnumerable<(string Token, double Valence)> Rows(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 2 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
            {
                throw new FormatException($"A lexicon line must be 'token TAB valence': \"{line}\".");
            }

            yield return (fields[0].Trim(), valence);
        }
    }

    private static SentimentLexicon LoadShipped()
    {
        var assembly = typeof(SentimentLexicon).Assembly;
        return Parse(
            Read(assembly, "vader_lexicon.txt"), Read(assembly, "afinn-165.tsv"), Read(assembly, "emoji.tsv"),
            Read(assembly, "cx-lexicon.tsv"));
    }

    private static string Read(Assembly assembly, string file)
    {
        var name = "CxServerless.Domain.Sentiment.Lexicon." + file;
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The lexicon file {name} is missing from the domain assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using System.Globalization;
using System.Text;

namespace CxServerless.Domain.Sentiment;

/// <summary>
/// Splits text into sentences and tokens the way the local scorer reads them: whitespace-separated words with edge
/// punctuation removed (emoticons such as <c>:)</c> kept whole), words glued by punctuation split (<c>minutes.MAJOR</c>),
/// and every emoji a token of its own.
/// </summary>
internal static class SentimentTokenizer
{
    private const char VariationSelector16 = '\uFE0F';
    private const char VariationSelector15 = '\uFE0E';

    /// <summary>Removes emoji variation selectors, so that ❤️ and ❤ are one key.</summary>
    public static string WithoutVariationSelectors(string text) =>
        text.Contains(VariationSelector16, StringComparison.Ordinal) || text.Contains(VariationSelector15, StringComparison.Ordinal)
            ? text.Replace(VariationSelector16.ToString(), string.Empty, StringComparison.Ordinal)
                .Replace(VariationSelector15.ToString(), string.Empty, StringComparison.Ordinal)
            : text;

    /// <summary>The sentences of a text: split after <c>.</c>, <c>!</c> or <c>?</c> (runs included) and at line breaks.</summary>
    public static IReadOnlyList<string> Sentences(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c is '\n' or '\r'
                || (c is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (end)
            {
                Add(sentences, text[start..(i + 1)]);
                start = i + 1;
            }
        }

        Add(sentences, text[start..]);
        return sentences;
    }

    /// <summary>The tokens of one sentence, in their original case.</summary>
    public static List<string> Tokens(string sentence, SentimentLexicon lexicon)
    {
        var tokens = new List<string>();
        foreach (var raw in SeparateEmoji(sentence, lexicon).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (lexicon.TryGetEmoji(raw, out _) || lexicon.Contains(raw.ToLowerInvariant()))
            {
                tokens.Add(raw);
                continue;
            }

            foreach (var part in SplitGlued(raw))
            {
                var word = part.Trim(Punctuation);
                if (word.Length > 1)
                {
                    tokens.Add(word);
                }
            }
        }

        return tokens;
    }

    /// <summary>Whether a token is written in capitals (it has letters, and every letter is upper case).</summary>
    public static bool IsUpper(string token)
    {
        var letters = false;
        foreach (var c in token)
        {
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }

                letters = true;
            }
        }

        return letters;
    }

    private static readonly char[] Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’…".ToCharArray();

    private static void Add(List<string> sentences, string sentence)
    {
        if (!string.IsNullOrWhiteSpace(sentence))
        {
            sentences.Add(sentence.Trim());
        }
    }

    private static string SeparateEmoji(string text, SentimentLexicon lexicon)
    {
        var builder = new StringBuilder(text.Length + 8);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var key = WithoutVariationSelectors(element);
            if (key.Length > 0 && !char.IsAscii(key[0]) && lexicon.TryGetEmoji(key, out _))
            {
                builder.Append(' ').Append(key).Append(' ');
            }
            else
            {
                builder.Append(element);
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<string> SplitGlued(string token)
    {
        // "minutes.MAJOR", "great...no" or "good.4": punctuation between two letters or digits separates two words;
        // "don't", "e-mail" and "1.3" stay whole.
        var start = 0;
        var i = 1;
        while (i < token.Length - 1)
        {
            var end = i;
            while (end < token.Length - 1 && token[end] is '.' or ',' or ';' or '!' or '?' or ':' or '/' or ')' or '(')
            {
                end++;
            }

            if (end > i && char.IsLetterOrDigit(token[i - 1]) && char.IsLetterOrDigit(token[end])
                && (char.IsLetter(token[i - 1]) || char.IsLetter(token[end])))
            {
                yield return token[start..i];
                start = end;
            }

            i = end + 1;
        }

        yield return token[start..];
    }
}

namespace CxServerless.Domain.Sentiment;

/// <summary>
/// The local sentiment scorer for English: a lexicon and rules after VADER (Hutto and Gilbert, 2014), used offline and
/// as the fallback of the scorer chain. Pure and deterministic; thread-safe.
/// </summary>
/// <remarks>
/// <para>Each word's valence comes from <see cref="SentimentLexicon"/>. Rules then adjust it: a negation up to three
/// words before flips and damps it (×−0.74; "never so" intensifies); an intensifier or diminisher before it adds or
/// removes 0.293 (less with distance); a word in capitals among words that are not adds 0.733; after a contrast
/// ("but"), sentiment counts 1.5×, before it 0.5×; each <c>!</c> (at most four) adds 0.292 and repeated <c>?</c> up to
/// 0.96 in the direction of the sentence; emoji carry their own valence.</para>
/// <para>A sentence's valences sum to <c>x</c>, normalised to the compound <c>x / sqrt(x² + 15)</c> in −1..+1; at or
/// above 0.05 the sentence is positive, at or below −0.05 negative. A text with at least one positive and one
/// negative sentence is <see cref="SentimentLabel.Mixed"/>; otherwise the compound of the whole text decides.</para>
/// </remarks>
/// <param name="lexicon">The lexicon.</param>
public sealed class LexiconSentimentScorer(SentimentLexicon lexicon)
{
    /// <summary>The scorer name recorded in every score it produces.</summary>
    public const string Name = "local-lexicon";

    /// <summary>The scorer over the shipped lexicon.</summary>
    public static LexiconSentimentScorer Default { get; } = new(SentimentLexicon.Default);

    /// <summary>The lexicon version recorded in every score.</summary>
    public string ModelVersion => lexicon.Version;

    /// <summary>Scores a text.</summary>
    /// <param name="text">The text, in English.</param>
    /// <returns>Its sentiment, with <see cref="Name"/> and <see cref="ModelVersion"/>.</returns>
    public SentimentScore Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = SentimentTokenizer.Sentences(text);
        var anyPositive = false;
        var anyNegative = false;
        if (sentences.Count > 1)
        {
            foreach (var sentence in sentences)
            {
                var (compound, _) = Valence(sentence);
                anyPositive |= compound >= SentimentRules.PolarityThreshold;
                anyNegative |= compound <= -SentimentRules.PolarityThreshold;
            }
        }

        var (whole, confidence) = Valence(text);
        var label = anyPositive && anyNegative ? SentimentLabel.Mixed
            : whole >= SentimentRules.PolarityThreshold ? SentimentLabel.Positive
            : whole <= -SentimentRules.PolarityThreshold ? SentimentLabel.Negative
            : SentimentLabel.Neutral;
        return new SentimentScore(label, confidence, Math.Round(whole, 4), Name, ModelVersion);
    }

    private (double Compound, SentimentConfidence Confidence) Valence(string text)
    {
        var tokens = SentimentTokenizer.Tokens(text, lexicon);
        if (tokens.Count == 0)
        {
            return (0, SentimentConfidence.AllNeutral);
        }

        var lower = tokens.Select(t => t.ToLowerInvariant()).ToList();
        var upper = tokens.Select(SentimentTokenizer.IsUpper).ToList();
        var capsDifferential = upper.Contains(true) && upper.Contains(false);
        var valences = new double[tokens.Count];
        var skip = new bool[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            if (skip[i])
            {
                continue;
            }

            if (Phrase(lower, i) is { } phrase)
            {
                valences[i] = phrase.Valence;
                for (var j = 1; j < phrase.Length; j++)
                {
                    skip[i + j] = true;
                }

                continue;
            }

            // A booster modifies the next sentiment word; without one ("Incredible!") it counts as a word of its own.
            if ((SentimentRules.Boosters.ContainsKey(lower[i]) && BoostsSomething(lower, i))
                || (i + 1 < tokens.Count && lower[i] is "kind" or "sort" && lower[i + 1] == "of"))
            {
                continue;
            }

            valences[i] = WordValence(lower, upper, capsDifferential, i);
        }

        Contrast(lower, valences);
        return Summarise(valences, text);
    }

    private double WordValence(List<string> lower, List<bool> upper, bool capsDifferential, int i)
    {
        if (!TryValence(lower[i], out var valence))
        {
            return 0;
        }

        // "no" before a sentiment word negates it rather than counting as negative itself.
        if (lower[i] == "no" && i + 1 < lower.Count && TryValence(lower[i + 1], out _))
        {
            return 0;
        }

        if (upper[i] && capsDifferential)
        {
            valence += valence > 0 ? SentimentRules.CapsIncrement : -SentimentRules.CapsIncrement;
        }

        for (var distance = 1; distance <= 3 && i - distance >= 0; distance++)
        {
            var before = lower[i - distance];
            if (!TryValence(before, out _) || before == "no")
            {
                var boost = Boost(before, upper[i - distance] && capsDifferential, valence);
                valence += distance switch { 2 => boost * 0.95, 3 => boost * 0.9, _ => boost };
                valence = Negate(lower, i, distance, valence);
            }
        }

        // "least" before a word turns it ("the least helpful"), except in "at least" and "very least".
        if (i >= 1 && lower[i - 1] == "least" && (i < 2 || lower[i - 2] is not ("at" or "very")))
        {
            valence *= SentimentRules.NegationScalar;
        }

        return valence;
    }

    private bool TryValence(string word, out double valence)
    {
        if (lexicon.TryGetWord(word, out valence) || lexicon.TryGetEmoji(word, out valence))
        {
            return true;
        }

        // A word with digits glued to its end ("good7", from a list or a typo).
        var letters = word.TrimEnd("0123456789".ToCharArray());
        if (letters.Length >= 3 && letters.Length < word.Length && lexicon.TryGetWord(letters, out valence))
        {
            return true;
        }

        // Inflections the lexicon lacks: "recommended" -> "recommend", "disappoints" -> "disappoint".
        foreach (var suffix in InflectionSuffixes)
        {
            if (word.Length - suffix.Length >= 4 && word.EndsWith(suffix, StringComparison.Ordinal)
                && lexicon.TryGetWord(word[..^suffix.Length], out valence))
            {
                return true;
            }
        }

        valence = 0;
        return false;
    }

    private bool BoostsSomething(List<string> lower, int i)
    {
        for (var j = i + 1; j < lower.Count && j <= i + 3; j++)
        {
            if (TryValence(lower[j], out _))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] InflectionSuffixes = ["'s", "s", "es", "ed", "d", "ing", "ly"];

    private static double Boost(string word, bool emphasised, double valence)
    {
        if (!SentimentRules.Boosters.TryGetValue(word, out var scalar))
        {
            return 0;
        }

        scalar = valence < 0 ? -scalar : scalar;
        if (emphasised)
        {
            scalar += valence > 0 ? SentimentRules.CapsIncrement : -SentimentRules.CapsIncrement;
        }

        return scalar;
    }

    private static double Negate(List<string> lower, int i, int distance, double valence)
    {
        var word = lower[i - distance];
        if (distance >= 2)
        {
            var between = lower.GetRange(i - distance + 1, distance - 1);
            if (word == "never" && between.Any(w => w is "so" or "this"))
            {
                return valence * 1.25;
            }

            if (word == "without" && between.Contains("doubt"))
            {
                return valence;
            }
        }

        return IsNegation(word) ? valence * SentimentRules.NegationScalar : valence;
    }

    private static bool IsNegation(string word) =>
        SentimentRules.Negations.Contains(word) || word.Contains("n't", StringComparison.Ordinal);

    private (int Length, double Valence)? Phrase(List<string> lower, int i)
    {
        for (var length = 4; length >= 2; length--)
        {
            if (i + length > lower.Count)
            {
                continue;
            }

            var phrase = string.Join(' ', lower.GetRange(i, length));
            if (SentimentRules.Phrases.TryGetValue(phrase, out var valence) || lexicon.TryGetWord(phrase, out valence))
            {
                return (length, valence);
            }
        }

        return null;
    }

    private static void Contrast(List<string> lower, double[] valences)
    {
        var at = lower.FindIndex(SentimentRules.Contrasts.Contains);
        if (at < 0)
        {
            return;
        }

        for (var i = 0; i < valences.Length; i++)
        {
            valences[i] *= i < at ? SentimentRules.BeforeContrast : i > at ? SentimentRules.AfterContrast : 1;
        }
    }

    private static (double Compound, SentimentConfidence Confidence) Summarise(double[] valences, string text)
    {
        var sum = valences.Sum();
        var emphasis = Emphasis(text);
        sum += sum > 0 ? emphasis : sum < 0 ? -emphasis : 0;
        var compound = Math.Clamp(sum / Math.Sqrt((sum * sum) + SentimentRules.Alpha), -1, 1);

        double positive = 0, negative = 0, neutral = 0;
        foreach (var v in valences)
        {
            if (v > 0)
            {
                positive += v + 1;
            }
            else if (v < 0)
            {
                negative += v - 1;
            }
            else
            {
                neutral += 1;
            }
        }

        if (positive > Math.Abs(negative))
        {
            positive += emphasis;
        }
        else if (positive < Math.Abs(negative))
        {
            negative -= emphasis;
        }

        var total = positive + Math.Abs(negative) + neutral;
        var confidence = total == 0 ? SentimentConfidence.AllNeutral
            : new SentimentConfidence(
                Math.Round(positive / total, 3), Math.Round(neutral / total, 3), Math.Round(Math.Abs(negative) / total, 3));
        return (compound, confidence);
    }

    private static double Emphasis(string text)
    {
        var exclamations = Math.Min(text.Count(c => c == '!'), 4) * SentimentRules.ExclamationIncrement;
        var questions = text.Count(c => c == '?');
        var question = questions <= 1 ? 0 : questions <= 3 ? questions * 0.18 : 0.96;
        return exclamations + question;
    }
}

namespace CxServerless.Domain.Sentiment;

/// <summary>
/// The rules of the local scorer, after VADER (Hutto and Gilbert, 2014; vaderSentiment 3.3.2): negation words,
/// intensifiers and diminishers (boosters), and the constants that weigh them. Internal: the scorer is the surface.
/// </summary>
internal static class SentimentRules
{
    /// <summary>A booster's added valence ("very good").</summary>
    public const double Increment = 0.293;

    /// <summary>A diminisher's removed valence ("slightly good").</summary>
    public const double Decrement = -0.293;

    /// <summary>The added valence of a word in capitals among words that are not ("GREAT service").</summary>
    public const double CapsIncrement = 0.733;

    /// <summary>The factor a negation applies ("not good" is −0.74 × good).</summary>
    public const double NegationScalar = -0.74;

    /// <summary>Valence added per exclamation mark, at most four.</summary>
    public const double ExclamationIncrement = 0.292;

    /// <summary>Weight of sentiment before a contrast word ("but"): the clause after it matters more.</summary>
    public const double BeforeContrast = 0.5;

    /// <summary>Weight of sentiment after a contrast word.</summary>
    public const double AfterContrast = 1.5;

    /// <summary>The normalisation constant of the compound score: x / sqrt(x² + alpha).</summary>
    public const double Alpha = 15;

    /// <summary>Compound at or above which a text is positive (and at or below minus which it is negative).</summary>
    public const double PolarityThreshold = 0.05;

    /// <summary>Words that negate what follows.</summary>
    public static readonly IReadOnlySet<string> Negations = new HashSet<string>(StringComparer.Ordinal)
    {
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't",
        "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't",
        "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor",
        "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't",
        "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom",
        "despite", "no", "nobody",
    };

    /// <summary>Words that contrast what comes before with what comes after.</summary>
    public static readonly IReadOnlySet<string> Contrasts = new HashSet<string>(StringComparer.Ordinal) { "but" };

    /// <summary>Intensifiers (positive) and diminishers (negative): what they add to the next sentiment word.</summary>
    public static readonly IReadOnlyDictionary<string, double> Boosters = Build();

    /// <summary>Multi-word phrases with a valence of their own, replacing their words' ("yeah right", "to die for").</summary>
    public static readonly IReadOnlyDictionary<string, double> Phrases = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["the shit"] = 3,
        ["the bomb"] = 3,
        ["bad ass"] = 1.5,
        ["yeah right"] = -2,
        ["kiss of death"] = -1.5,
        ["to die for"] = 3,
        ["beating heart"] = 3.1,
        ["broken heart"] = -2.9,
        ["cut the mustard"] = 2,
        ["hand to mouth"] = -2,
        ["back handed"] = -2,
        ["blow smoke"] = -2,
        ["blowing smoke"] = -2,
        ["upper hand"] = 1,
        ["break a leg"] = 2,
        ["cooking with gas"] = 2,
        ["in the black"] = 2,
        ["in the red"] = -2,
        ["on the ball"] = 2,
        ["under the weather"] = -2,
    };

    private static Dictionary<string, double> Build()
    {
        var boosters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var word in new[]
        {
            "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply", "effing",
            "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme", "extremely",
            "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully",
            "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely", "incredible", "incredibly",
            "intensely", "major", "majorly", "more", "most", "particularly", "purely", "quite", "really", "remarkably", "so",
            "substantially", "thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably",
            "unusually", "utter", "utterly", "very", "truly", "seriously",
        })
        {
            boosters[word] = Increment;
        }

        foreach (var word in new[]
        {
            "almost", "barely", "hardly", "kind of", "kinda", "kindof", "kind-of", "less", "little", "marginal", "marginally",
            "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta",
            "sortof", "sort-of",
        })
        {
            boosters[word] = Decrement;
        }

        return boosters;
    }
}

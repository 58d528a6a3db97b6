using CsCheck;
using CxServerless.Domain.Sentiment;

namespace CxServerless.Domain.Tests.Sentiment;

/// <summary>
/// The local scorer's rules, each against a pair of sentences that differ only in what the rule reads. Expectations are
/// directions (more positive, negative, mixed) from the VADER paper's rules, not numbers taken from the code.
/// </summary>
public sealed class LexiconSentimentScorerTests
{
    private static readonly LexiconSentimentScorer Scorer = LexiconSentimentScorer.Default;

    private static double Score(string text) => Scorer.Score(text).Score;

    [Theory]
    [InlineData("The agent was helpful and friendly.", SentimentLabel.Positive)]
    [InlineData("The agent was rude and the wait was terrible.", SentimentLabel.Negative)]
    [InlineData("I called about my invoice on Tuesday.", SentimentLabel.Neutral)]
    [InlineData("", SentimentLabel.Neutral)]
    [InlineData("Thanks, the refund arrived quickly. But the app still crashes every day and it is awful.", SentimentLabel.Mixed)]
    public void Labels_follow_the_text(string text, SentimentLabel expected) => Assert.Equal(expected, Scorer.Score(text).Label);

    [Fact]
    public void A_negation_turns_a_positive_word_negative()
    {
        Assert.True(Score("The agent was helpful.") > 0);
        Assert.True(Score("The agent was not helpful.") < 0);
        Assert.True(Score("The agent wasn't helpful at all.") < 0);
        Assert.True(Score("The agent was never really helpful.") < 0);
    }

    [Fact]
    public void No_before_a_problem_is_good_news()
    {
        Assert.True(Score("There was a problem with my order.") < 0);
        Assert.True(Score("No problems with my order.") > 0);
    }

    [Fact]
    public void Intensifiers_strengthen_and_diminishers_weaken()
    {
        Assert.True(Score("The service was extremely good.") > Score("The service was good."));
        Assert.True(Score("The service was slightly good.") < Score("The service was good."));
        Assert.True(Score("The wait was extremely bad.") < Score("The wait was bad."));
    }

    [Fact]
    public void After_but_the_second_clause_decides()
    {
        Assert.True(Score("The agent was friendly but the problem is still not fixed and I am angry.") < 0);
        Assert.True(Score("The wait was long but the agent was wonderful and solved everything.") > 0);
        Assert.True(Score("The food was good but the service was bad.") < 0);
    }

    [Fact]
    public void Capitals_and_exclamation_marks_add_emphasis()
    {
        Assert.True(Score("The agent was GREAT today.") > Score("The agent was great today."));
        Assert.True(Score("The agent was great!!!") > Score("The agent was great."));
        Assert.True(Score("This is terrible!!!") < Score("This is terrible."));
    }

    [Fact]
    public void Emoji_carry_sentiment()
    {
        Assert.True(Score("Order arrived 😍") > 0);
        Assert.True(Score("Order arrived 😡") < 0);
        Assert.True(Score("Order arrived ❤️") > 0); // with the emoji variation selector
        Assert.True(Score("Order arrived :)") > 0);
    }

    [Fact]
    public void Contact_centre_phrases_read_as_customers_mean_them()
    {
        Assert.True(Score("Don't waste your money on this plan.") < 0);
        Assert.True(Score("I couldn't be happier with the support.") > 0);
        Assert.True(Score("I was on hold forever and then they hung up.") < 0);
        Assert.True(Score("It works now, fixed on the first call.") > 0);
    }

    [Fact]
    public void Every_score_names_the_scorer_and_the_lexicon_version()
    {
        var score = Scorer.Score("Lovely service.");

        Assert.Equal("local-lexicon", score.Scorer);
        Assert.StartsWith("vader-3.3.2+afinn-165+emoji-1.0+cx-", score.ModelVersion, StringComparison.Ordinal);
        Assert.Equal(score.ModelVersion, SentimentLexicon.Default.Version);
    }

    [Fact]
    public void The_shipped_lexicon_holds_the_three_published_lists_and_ours()
    {
        var lexicon = SentimentLexicon.Default;

        Assert.True(lexicon.WordCount > 7500 + 700, $"{lexicon.WordCount} words"); // VADER's 7,517 plus 733 AFINN-only words
        Assert.True(lexicon.TryGetWord("accessible", out var afinnOnly) && afinnOnly > 0); // AFINN-165 only, scaled
        Assert.True(lexicon.EmojiCount > 700, $"{lexicon.EmojiCount} emoji");
        Assert.True(lexicon.TryGetWord("good", out var good) && good > 0);
        Assert.True(lexicon.TryGetWord("don't waste", out var waste) && waste < 0);
    }

    [Fact]
    public void Scores_and_shares_stay_in_range_for_any_text()
    {
        Gen.String.Sample(text =>
        {
            var score = Scorer.Score(text);
            Assert.InRange(score.Score, -1, 1);
            var c = score.Confidence;
            Assert.InRange(c.Positive + c.Neutral + c.Negative, 0.99, 1.01);
            Assert.True(c.Positive >= 0 && c.Neutral >= 0 && c.Negative >= 0);
        }, iter: 2000);
    }

    [Fact]
    public void Characters_are_counted_as_text_elements_as_Language_counts_them()
    {
        Assert.Equal(5, SentimentLimits.CharacterCount("hello"));
        Assert.Equal(1, SentimentLimits.CharacterCount("👍🏽")); // an emoji with a skin-tone modifier is one element
        Assert.Equal(1, SentimentLimits.CharacterCount("é")); // e + combining acute
    }
}

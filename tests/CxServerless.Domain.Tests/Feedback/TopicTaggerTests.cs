using CxServerless.Domain.Feedback;

namespace CxServerless.Domain.Tests.Feedback;

public sealed class TopicTaggerTests
{
    private static readonly IReadOnlyList<FeedbackTopic> Topics = FeedbackRulesParser.ParseOrThrow(FeedbackRulesParserTests.Small).Topics;

    [Theory]
    [InlineData("Where is my refund?", "billing")]
    [InlineData("I was CHARGED   TWICE, again.", "billing")]
    [InlineData("The courier never came", "delivery")]
    [InlineData("a rude person", "staff")]
    [InlineData("", "other")]
    [InlineData(null, "other")]
    [InlineData("Nothing here matches", "other")]
    public void Text_gets_the_first_topic_with_a_keyword_it_contains(string? text, string topic) =>
        Assert.Equal(topic, TopicTagger.Tag(Topics, text).Name);

    [Fact]
    public void The_first_topic_in_order_wins_when_several_match()
    {
        // "invoice" is a keyword of billing (first) and staff (third).
        Assert.Equal("billing", TopicTagger.Tag(Topics, "rude reply about my invoice").Name);
    }

    [Theory]
    [InlineData("refunded")]
    [InlineData("parcels")]
    [InlineData("charged")]
    public void Keywords_match_whole_words_only(string text) =>
        Assert.Equal(FeedbackTopic.Other, TopicTagger.Tag(Topics, text).Name);

    [Fact]
    public void Masked_text_is_tagged_by_its_words_around_the_mask() =>
        Assert.Equal("billing", TopicTagger.Tag(Topics, "Refund to [email] please").Name);
}

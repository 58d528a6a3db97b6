using CxServerless.Domain.Events;
using CxServerless.Domain.Sentiment;

namespace CxServerless.Domain.Tests.Sentiment;

public sealed class SentimentPipelineRulesTests
{
    private static CxEvent Event(string? text, double? sentiment) => new()
    {
        EventId = "e1",
        SourceSystem = "test",
        Type = CxEventType.MessagePosted,
        EventTime = DateTimeOffset.UnixEpoch,
        ConversationId = "c1",
        Channel = CxChannel.Chat,
        Text = text,
        Scores = new CxScores { Sentiment = sentiment },
    };

    [Fact]
    public void Only_events_with_text_and_no_sentiment_of_their_own_are_scored()
    {
        Assert.True(SentimentPipelineRules.NeedsScoring(Event("The agent was great", null)));
        Assert.False(SentimentPipelineRules.NeedsScoring(Event("The agent was great", 0.4))); // the vendor's score stands
        Assert.False(SentimentPipelineRules.NeedsScoring(Event(null, null)));
        Assert.False(SentimentPipelineRules.NeedsScoring(Event("   ", null)));
    }

    [Fact]
    public void The_event_key_is_the_first_half_of_the_SHA256_of_source_and_id()
    {
        // python3 -c "import hashlib; print(hashlib.sha256(b'zendesk\n12345/67').hexdigest()[:32])"
        Assert.Equal("fc5ca9818220d2362d9664179c6a5468", SentimentPipelineRules.EventKey("zendesk", "12345/67"));
    }
}

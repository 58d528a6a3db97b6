using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Feedback;
using CxServerless.Testing;

namespace CxServerless.Domain.Tests.Feedback;

public sealed class FeedbackRulesParserTests
{
    internal const string Small = """
        {
          // comments are allowed
          "version": "fb-1",
          "triggers": { "csatAtMost": 2, "npsAtMost": 6, "effortAtLeast": 5, "sentimentBelow": -0.25, "textFrom": ["survey", "email"] },
          "severity": "error",
          "topics": [
            { "topic": "billing", "keywords": ["invoice", "refund", "charged twice"] },
            { "topic": "delivery", "keywords": ["parcel", "courier"], "team": "logistics" },
            { "topic": "staff", "keywords": ["rude", "invoice"] }
          ],
          "followUpChannels": ["inbox", "webhook"]
        }
        """;

    [Fact]
    public void A_valid_file_is_read_field_by_field()
    {
        var rules = FeedbackRulesParser.ParseOrThrow(Small);

        Assert.Equal("fb-1", rules.Version);
        Assert.Equal((2, 6, 5, -0.25), (rules.Triggers.CsatAtMost, rules.Triggers.NpsAtMost, rules.Triggers.EffortAtLeast,
            rules.Triggers.SentimentBelow));
        Assert.Equal(["survey", "email"], rules.Triggers.TextFrom);
        Assert.Equal(AlertSeverity.Error, rules.Severity);
        Assert.Equal(["billing", "delivery", "staff"], rules.Topics.Select(t => t.Name));
        Assert.Equal(["invoice", "refund", "charged twice"], rules.Topics[0].Keywords);
        Assert.Equal("logistics", rules.Topics[1].Team);
        Assert.Null(rules.Topics[0].Team);
        Assert.Equal(["inbox", "webhook"], rules.FollowUpChannels);
    }

    [Fact]
    public void The_shipped_rules_file_is_valid()
    {
        var path = Path.Combine(AzuriteFixture.RepositoryRoot(), "functions", "rules", "cx-feedback.v1.json");
        var rules = FeedbackRulesParser.ParseOrThrow(File.ReadAllText(path));

        Assert.Equal(["billing", "delivery", "technical", "staff"], rules.Topics.Select(t => t.Name));
        Assert.Equal((2, 6, 5), (rules.Triggers.CsatAtMost, rules.Triggers.NpsAtMost, rules.Triggers.EffortAtLeast));
    }

    [Fact]
    public void Every_problem_is_listed_with_its_path()
    {
        const string Bad = """
            {
              "version": "has spaces",
              "triggers": { "csatAtMost": 9, "npsAtMost": 6.5, "sentimentBelow": -0.2, "textFrom": ["sms"], "typo": 1 },
              "severity": "urgent",
              "topics": [
                { "topic": "billing", "keywords": [] },
                { "topic": "billing", "keywords": ["x"] },
                { "topic": "other", "keywords": ["y"] },
                { "topic": "Bad Name", "keywords": ["z", 3] }
              ],
              "followUpChannels": ["pager"],
              "extra": true
            }
            """;

        var (rules, errors) = FeedbackRulesParser.Parse(Bad);

        Assert.Null(rules);
        var paths = errors.Select(e => e.Path).ToList();
        Assert.Equal(
            [
                "extra", "version", "triggers.typo", "triggers.csatAtMost", "triggers.npsAtMost", "triggers.textFrom[0]", "severity",
                "topics[0].keywords", "topics[1].topic", "topics[2].topic", "topics[3].topic", "topics[3].keywords[1]",
                "followUpChannels[0]",
            ],
            paths);
        Assert.Contains(errors, e => e.Path == "severity" && e.Message.Contains("urgent", StringComparison.Ordinal));
        var thrown = Assert.Throws<FeedbackRulesException>(() => FeedbackRulesParser.ParseOrThrow(Bad));
        Assert.Equal(errors.Count, thrown.Errors.Count);
        Assert.Contains("topics[2].topic", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "version": "v", "triggers": {}, "topics": [] }""", "triggers")]
    [InlineData("""{ "version": "v", "triggers": { "sentimentBelow": -0.3 }, "topics": [] }""", "triggers.textFrom")]
    [InlineData("""{ "triggers": { "csatAtMost": 2 }, "topics": [] }""", "version")]
    [InlineData("""{ "version": "v", "triggers": { "csatAtMost": 2 } }""", "topics")]
    [InlineData("""[1]""", "$")]
    [InlineData("""{ "version": """, "$")]
    public void A_file_missing_what_it_needs_is_refused(string json, string path)
    {
        var (rules, errors) = FeedbackRulesParser.Parse(json);

        Assert.Null(rules);
        Assert.Equal(path, Assert.Single(errors).Path);
    }
}

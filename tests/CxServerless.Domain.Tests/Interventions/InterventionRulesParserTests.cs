using CxServerless.Domain.Interventions;
using CxServerless.Testing;

namespace CxServerless.Domain.Tests.Interventions;

public sealed class InterventionRulesParserTests
{
    private const string Small = """
        {
          // comments and trailing commas are allowed
          "version": "iv-7",
          "longWait": { "afterSeconds": 90, "giveUpAfter": "30m", "caps": { "perCustomer": 2, "perTeam": 15, "period": "2h" } },
          "repeatContact": { "within": "12h", "caps": { "perCustomer": 1, "perTeam": 0, "period": "1d" } },
          "sentimentDrop": { "below": -0.25, "liveFor": "45m", "caps": { "perCustomer": 3, "perTeam": 7, "period": "15m" } },
        }
        """;

    [Fact]
    public void A_valid_file_is_read_field_by_field()
    {
        var rules = InterventionRulesParser.ParseOrThrow(Small);

        Assert.Equal("iv-7", rules.Version);
        Assert.Equal(
            new LongWaitRule(TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(30), new FrequencyCap(2, 15, TimeSpan.FromHours(2))),
            rules.LongWait);
        Assert.Equal(new RepeatContactRule(TimeSpan.FromHours(12), new FrequencyCap(1, 0, TimeSpan.FromDays(1))), rules.RepeatContact);
        Assert.Equal(
            new SentimentDropRule(-0.25, TimeSpan.FromMinutes(45), new FrequencyCap(3, 7, TimeSpan.FromMinutes(15))),
            rules.SentimentDrop);
        Assert.Equal(new FrequencyCap(3, 7, TimeSpan.FromMinutes(15)), rules.CapOf(InterventionKinds.SentimentAlert));
    }

    [Fact]
    public void The_shipped_rules_file_is_valid_and_is_the_embedded_default()
    {
        var path = Path.Combine(AzuriteFixture.RepositoryRoot(), "functions", "rules", "cx-interventions.v1.json");
        var text = File.ReadAllText(path);
        var rules = InterventionRulesParser.ParseOrThrow(text);

        Assert.Equal(text, DefaultInterventionRules.Json);
        Assert.Equal("interventions-1", rules.Version);
        Assert.Equal((TimeSpan.FromSeconds(120), TimeSpan.FromHours(24), -0.5), (rules.LongWait.After, rules.RepeatContact.Within,
            rules.SentimentDrop.Below));
    }

    [Fact]
    public void Every_problem_is_listed_with_its_path()
    {
        const string Bad = """
            {
              "version": "has spaces",
              "longWait": {
                "afterSeconds": 300, "giveUpAfter": "2m",
                "caps": { "perCustomer": -1, "perTeam": 1.5, "period": "40d", "typo": 1 }
              },
              "repeatContact": { "within": "soon", "caps": { "perCustomer": 1, "period": "1h" } },
              "sentimentDrop": { "below": -2, "liveFor": "0s", "caps": 3 },
              "extra": true
            }
            """;

        var (rules, errors) = InterventionRulesParser.Parse(Bad);

        Assert.Null(rules);
        Assert.Equal(
            [
                "extra", "version", "longWait.giveUpAfter", "longWait.caps.typo", "longWait.caps.perCustomer",
                "longWait.caps.perTeam", "longWait.caps.period", "repeatContact.within", "repeatContact.caps.perTeam",
                "sentimentDrop.below", "sentimentDrop.liveFor", "sentimentDrop.caps",
            ],
            errors.Select(e => e.Path));
        string MessageAt(string path) => Assert.Single(errors, e => e.Path == path).Message;
        Assert.StartsWith("is not a known field", MessageAt("extra"), StringComparison.Ordinal);
        Assert.Contains("perCustomer, perTeam, period", MessageAt("longWait.caps.typo"), StringComparison.Ordinal);
        Assert.Equal("must be longer than afterSeconds", MessageAt("longWait.giveUpAfter"));
        Assert.Equal("must be from 0 to 1000", MessageAt("longWait.caps.perCustomer"));
        Assert.Equal("must be a whole number", MessageAt("longWait.caps.perTeam"));
        Assert.Equal("must be at most 31 days", MessageAt("longWait.caps.period"));
        Assert.Contains("(got \"soon\")", MessageAt("repeatContact.within"), StringComparison.Ordinal);
        Assert.Equal("is required", MessageAt("repeatContact.caps.perTeam"));
        Assert.Equal("must be from -1 to 1", MessageAt("sentimentDrop.below"));
        Assert.Equal("must be longer than zero", MessageAt("sentimentDrop.liveFor"));
        Assert.Equal("must be an object", MessageAt("sentimentDrop.caps"));

        var thrown = Assert.Throws<InterventionRulesException>(() => InterventionRulesParser.ParseOrThrow(Bad));
        Assert.Equal(errors, thrown.Errors);
        Assert.Contains("repeatContact.caps.perTeam is required", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("afterSeconds", "9")]
    [InlineData("afterSeconds", "86401")]
    [InlineData("afterSeconds", "\"2m\"")]
    [InlineData("giveUpAfter", "\"-1h\"")]
    [InlineData("giveUpAfter", "120")]
    public void A_bad_wait_threshold_is_refused_at_its_path(string field, string value)
    {
        var values = new Dictionary<string, string> { ["afterSeconds"] = "120", ["giveUpAfter"] = "\"2h\"", [field] = value };
        var json = $$"""
            {
              "version": "v",
              "longWait": { "afterSeconds": {{values["afterSeconds"]}}, "giveUpAfter": {{values["giveUpAfter"]}},
                "caps": { "perCustomer": 1, "perTeam": 1, "period": "1h" } },
              "repeatContact": { "within": "24h", "caps": { "perCustomer": 1, "perTeam": 1, "period": "1h" } },
              "sentimentDrop": { "below": -0.5, "liveFor": "2h", "caps": { "perCustomer": 1, "perTeam": 1, "period": "1h" } }
            }
            """;

        var (rules, errors) = InterventionRulesParser.Parse(json);

        Assert.Null(rules);
        Assert.Equal("longWait." + field, Assert.Single(errors).Path);
    }

    [Theory]
    [InlineData("""{ "version": "v" }""", "longWait|repeatContact|sentimentDrop")]
    [InlineData("""{ "version": "v", "longWait": [], "repeatContact": 1, "sentimentDrop": "x" }""", "longWait|repeatContact|sentimentDrop")]
    [InlineData(
        """
        { "longWait": { "afterSeconds": 60, "giveUpAfter": "1h", "caps": { "perCustomer": 1, "perTeam": 1, "period": "1h" } },
          "repeatContact": { "within": "1d", "caps": { "perCustomer": 1, "perTeam": 1, "period": "1h" } },
          "sentimentDrop": { "below": 0, "liveFor": "1h", "caps": { "perCustomer": 1, "perTeam": 1, "period": "1h" } } }
        """,
        "version")]
    [InlineData(
        """
        { "version": "v", "longWait": { "giveUpAfter": "1h" },
          "repeatContact": { "caps": { "perCustomer": 1, "perTeam": 1 } },
          "sentimentDrop": { "liveFor": "1h", "caps": { "perTeam": 1, "period": "1h" } } }
        """,
        "longWait.afterSeconds|longWait.caps|repeatContact.within|repeatContact.caps.period|sentimentDrop.below|"
            + "sentimentDrop.caps.perCustomer")]
    [InlineData("""[1]""", "$")]
    [InlineData("""{ "version": """, "$")]
    public void A_file_missing_what_it_needs_is_refused(string json, string paths)
    {
        var (rules, errors) = InterventionRulesParser.Parse(json);

        Assert.Null(rules);
        Assert.Equal(paths.Split('|'), errors.Select(e => e.Path));
    }
}

using System.Text.Json.Nodes;
using CxHost.Configuration;

namespace CxHost.Tests.Configuration;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Exponential_backoff_doubles_from_the_minimum_up_to_the_maximum()
    {
        var policy = new RetryPolicy(true, -1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal(
            [1, 2, 4, 8, 10, 10],
            Enumerable.Range(1, 6).Select(r => policy.DelayBefore(r).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(10), policy.DelayBefore(1000));
    }

    [Fact]
    public void Fixed_delay_is_constant()
    {
        var policy = new RetryPolicy(false, 3, TimeSpan.FromSeconds(2), TimeSpan.Zero);
        Assert.All(Enumerable.Range(1, 3), r => Assert.Equal(TimeSpan.FromSeconds(2), policy.DelayBefore(r)));
    }

    [Fact]
    public void ShouldRetry_counts_retries_and_minus_one_is_forever()
    {
        var three = new RetryPolicy(false, 3, TimeSpan.Zero, TimeSpan.Zero);
        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(three.ShouldRetry));
        Assert.True(new RetryPolicy(true, -1, TimeSpan.Zero, TimeSpan.Zero).ShouldRetry(int.MaxValue - 1));
    }

    [Theory]
    [InlineData("""{ "strategy": "fixedDelay", "delayInterval": "00:00:01" }""", "maxRetryCount")]
    [InlineData("""{ "strategy": "sometimes", "maxRetryCount": 1 }""", "strategy 'sometimes'")]
    [InlineData("""{ "strategy": "exponentialBackoff", "maxRetryCount": 1, "minimumInterval": "00:01:00", "maximumInterval": "00:00:01" }""", "below minimumInterval")]
    [InlineData("""{ "strategy": "fixedDelay", "maxRetryCount": -2, "delayInterval": "00:00:01" }""", "-1 or more")]
    [InlineData("""{ "strategy": "fixedDelay", "maxRetryCount": 1 }""", "delayInterval")]
    public void Parse_rejects_incomplete_policies(string json, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RetryPolicy.Parse((JsonObject)JsonNode.Parse(json)!, "F"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}

using CxServerless.Domain.Ingestion;
using CxServerless.Testing;
using Xunit.Abstractions;
using static CxServerless.Domain.Tests.Ingestion.PipelineHarness;

namespace CxServerless.Domain.Tests.Ingestion;

/// <summary>
/// Issue 14's acceptance over every vendor sample: each event that describes a contact, a case, a task or a survey is
/// stored; each other is quarantined as <c>unsupported-type</c>; nothing else happens to any of them.
/// </summary>
public sealed class VendorFixtureAcceptanceTests(ITestOutputHelper output)
{
    /// <summary>Shaped samples of payloads the app does not model, with the source they must be counted under.</summary>
    public static readonly (string Body, string Enqueued, string Source)[] Unmodelled =
    [
        (VendorSamples.SalesforceAccountChange, "2024-06-01T10:30:02Z", "salesforce"),
        (VendorSamples.StorageBlobCreated, "2017-06-26T18:41:03Z", "azure"),
        (VendorSamples.ConnectAgentHeartbeat, "2019-05-25T18:44:02Z", "amazon-connect"),
        (VendorSamples.GenesysPresence, "2022-04-06T09:33:02Z", "genesys-cloud"),
        (VendorSamples.SurveyMonkeyCollectorCreated, "2016-01-01T21:56:35Z", "surveymonkey"),
    ];

    [Fact]
    public void Every_vendor_written_sample_is_stored_or_unsupported_exactly_as_its_documentation_says()
    {
        var pipeline = Fresh();
        var (stored, unsupported, other) = (0, 0, 0);
        foreach (var fixture in VendorFixtures.All)
        {
            var outcomes = RunAll(pipeline, fixture.Body, fixture.Enqueued);
            Assert.Equal(fixture.Fates.Count, outcomes.Count);
            for (var i = 0; i < outcomes.Count; i++)
            {
                var fate = outcomes[i].IsAccepted ? VendorFixtures.Stored : outcomes[i].Rejection!.Reason.Code();
                Assert.True(fixture.Fates[i] == fate, $"{fixture.File} #{i}: {fate} ({outcomes[i].Rejection?.Detail})");
                Assert.NotEqual(IngestionPipeline.UnknownSource, outcomes[i].SourceSystem);
                _ = fate == VendorFixtures.Stored ? stored++ : fate == VendorFixtures.Unsupported ? unsupported++ : other++;
            }
        }

        output.WriteLine($"vendor-written samples: {stored} stored, {unsupported} unsupported-type, {other} other quarantine");
        Assert.Equal(VendorFixtures.All.Sum(f => f.Fates.Count(x => x == VendorFixtures.Stored)), stored);
        Assert.Equal(VendorFixtures.All.Sum(f => f.Fates.Count(x => x == VendorFixtures.Unsupported)), unsupported);
        Assert.Equal(0, other);
    }

    [Fact]
    public void Unmodelled_payloads_are_unsupported_type_under_their_vendor()
    {
        foreach (var (body, enqueued, source) in Unmodelled)
        {
            var outcome = Assert.Single(RunAll(Fresh(), body, enqueued));
            Assert.Equal((QuarantineReason.UnsupportedType, source), (outcome.Rejection?.Reason, outcome.SourceSystem));
        }
    }
}

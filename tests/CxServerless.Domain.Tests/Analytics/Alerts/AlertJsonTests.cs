using System.Text.Json;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Alerts;

public sealed class AlertJsonTests
{
    [Fact]
    public void An_alert_round_trips_through_json_with_readable_enums_and_slices()
    {
        var alert = new Alert
        {
            Id = AlertId.For("1", KpiId.AbandonmentRate, new Slice(SliceDimension.Queue, "billing"), At(5)),
            RulesVersion = "1",
            RuleId = "abandonment",
            Kpi = KpiId.AbandonmentRate,
            Slice = new Slice(SliceDimension.Queue, "billing"),
            Status = AlertStatus.Open,
            Severity = AlertSeverity.Error,
            Detector = "static",
            Direction = BreachDirection.Above,
            Value = 12.5,
            OpeningValue = 12.1,
            PeakValue = 12.5,
            Baseline = 10,
            WindowStart = At(-10),
            WindowEnd = At(5),
            OpenedAt = At(5),
            BreachCount = 1,
            Route = new RoutingHint("queue-supervisors", null, "abandonment"),
            Message = "m",
        };

        var json = JsonSerializer.Serialize(alert);
        Assert.Contains("\"Kpi\":\"AbandonmentRate\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Slice\":\"queue=billing\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Severity\":\"Error\"", json, StringComparison.Ordinal);
        Assert.Equal(alert, JsonSerializer.Deserialize<Alert>(json));
    }

    [Fact]
    public void A_bad_slice_in_json_is_a_clear_error() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Slice>("\"colour=red\""));
}

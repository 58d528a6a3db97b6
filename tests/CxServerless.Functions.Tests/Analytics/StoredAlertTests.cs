using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Functions.Analytics;

namespace CxServerless.Functions.Tests.Analytics;

public sealed class StoredAlertTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 23, 10, 15, 0, TimeSpan.Zero);

    private static StoredAlert Resolved() => new(
        new Alert
        {
            Id = "a1",
            RulesVersion = "1.2.0",
            RuleId = "handle-time",
            Kpi = KpiId.AverageHandleTime,
            Slice = new Slice(SliceDimension.Team, "team-billing"),
            Status = AlertStatus.Resolved,
            Severity = AlertSeverity.Warning,
            Detector = "ewma",
            Direction = BreachDirection.Above,
            Value = 305,
            OpeningValue = 480,
            PeakValue = 640,
            Baseline = 300,
            WindowStart = Opened.AddMinutes(20),
            WindowEnd = Opened.AddMinutes(35),
            OpenedAt = Opened,
            ResolvedAt = Opened.AddMinutes(35),
            BreachCount = 12,
            Route = new RoutingHint("team-leads", "coaching", "handle-time"),
            Message = "Resolved: …",
        },
        4,
        4,
        Opened.AddMinutes(35));

    [Fact]
    public void The_row_keeps_the_opening_worst_and_latest_values()
    {
        var read = StoredAlert.FromEntity(Resolved().ToEntity())!;
        Assert.Equal((480d, 640d, 305d), (read.Alert.OpeningValue, read.Alert.PeakValue, read.Alert.Value));
        Assert.Equal(Resolved().Alert, read.Alert);
    }

    [Fact]
    public void A_row_stored_before_opening_values_were_kept_reads_with_none()
    {
        var entity = Resolved().ToEntity();
        entity.Remove("OpeningValue");
        var old = new TableEntity(entity); // as Azure Tables returns it: no property at all

        var read = StoredAlert.FromEntity(old)!;
        Assert.Null(read.Alert.OpeningValue);
        Assert.Equal((640d, 305d), (read.Alert.PeakValue, read.Alert.Value));
        Assert.Null(read.ToView().OpeningValue);
    }

    [Fact]
    public void The_api_shows_all_three_values()
    {
        var view = Resolved().ToView();
        Assert.Equal((480d, 640d, 305d), (view.OpeningValue, view.PeakValue, view.Value));
    }
}

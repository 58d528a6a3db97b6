using CxServerless.Domain.Events;
using CxSim.Generation;

namespace CxSim.Tests.Generation;

public class SeasonalityTests
{
    [Fact]
    public void A_simulated_day_has_more_contacts_at_the_morning_peak_than_at_night()
    {
        var events = new TrafficGenerator(TestScenarios.Day()).Valid();
        var starts = events.Where(e => e.Type == CxEventType.ContactStarted).Select(e => e.EventTime.Hour).ToList();

        var night = starts.Count(h => h is >= 2 and < 4);
        var morning = starts.Count(h => h is >= 10 and < 12);
        var afternoon = starts.Count(h => h is >= 14 and < 16);
        var lunch = starts.Count(h => h == 12);

        Assert.True(morning > 5 * night, $"morning {morning}, night {night}");
        Assert.True(afternoon > 5 * night, $"afternoon {afternoon}, night {night}");
        Assert.True(lunch < morning / 2.0, $"lunch {lunch} per hour, morning {morning} per two hours");
    }

    [Fact]
    public void The_curve_follows_the_contact_centre_local_time()
    {
        var curve = IntradayCurve.ContactCentre(TimeSpan.FromHours(-5));

        // 15:00 UTC is 10:00 at UTC−5: the morning peak; 07:00 UTC is 02:00 there: night.
        Assert.True(curve.LevelAt(TestScenarios.Monday.AddHours(15)) > 5 * curve.LevelAt(TestScenarios.Monday.AddHours(7)));
    }

    [Fact]
    public void The_weekday_curve_averages_one_and_weekends_are_quieter()
    {
        var curve = IntradayCurve.ContactCentre(TimeSpan.Zero);
        var monday = Enumerable.Range(0, 24 * 60).Average(m => curve.LevelAt(TestScenarios.Monday.AddMinutes(m)));
        var sunday = Enumerable.Range(0, 24 * 60).Average(m => curve.LevelAt(TestScenarios.Monday.AddDays(6).AddMinutes(m)));

        Assert.InRange(monday, 0.98, 1.02);
        Assert.True(sunday < 0.8 * monday);
    }

    [Fact]
    public void A_flat_curve_spreads_contacts_evenly()
    {
        var events = new TrafficGenerator(TestScenarios.Day() with { Curve = IntradayCurve.Flat }).Valid();
        var starts = events.Where(e => e.Type == CxEventType.ContactStarted).Select(e => e.EventTime.Hour).ToList();

        var night = starts.Count(h => h is >= 2 and < 4);
        var morning = starts.Count(h => h is >= 10 and < 12);

        Assert.InRange((double)morning / night, 0.8, 1.25);
    }
}

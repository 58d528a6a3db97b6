using CxServerless.Domain.Events;
using CxSim.Generation;

namespace CxSim.Tests.Generation;

/// <summary>Scenarios shared by the tests (a Monday, so the weekday curve applies).</summary>
internal static class TestScenarios
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public static SimulationScenario Hours(double hours, long seed = 11, double contactsPerMinute = 30) => new()
    {
        Seed = seed,
        Start = Monday.AddHours(8),
        Duration = TimeSpan.FromHours(hours),
        ContactsPerMinute = contactsPerMinute,
    };

    public static SimulationScenario Day(long seed = 11, double contactsPerMinute = 8) => new()
    {
        Seed = seed,
        Start = Monday,
        Duration = TimeSpan.FromDays(1),
        ContactsPerMinute = contactsPerMinute,
    };

    public static List<CxEvent> Valid(this TrafficGenerator generator) =>
        [.. generator.Generate().Where(e => !e.IsMalformed).Select(e => e.Event!)];
}

namespace CxHost.FixtureHandler;

/// <summary>
/// What the fixture handler does, from its environment (the app settings cx-host passes):
/// <c>FixtureRecordTable</c> (where invocations are recorded, in <c>AzureWebJobsStorage</c>),
/// <c>FixtureFail</c> and <c>FixtureHang</c> (comma-separated function names to fail with 500 or never answer).
/// </summary>
internal sealed record FixtureBehaviour(string Storage, string RecordTable, IReadOnlySet<string> Fail, IReadOnlySet<string> Hang)
{
    public static FixtureBehaviour FromEnvironment() => new(
        Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? throw new InvalidOperationException("AzureWebJobsStorage is not set."),
        Environment.GetEnvironmentVariable("FixtureRecordTable") ?? throw new InvalidOperationException("FixtureRecordTable is not set."),
        Names("FixtureFail"),
        Names("FixtureHang"));

    private static HashSet<string> Names(string variable) =>
        (Environment.GetEnvironmentVariable(variable) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}

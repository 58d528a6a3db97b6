using CxServerless.Workflows.TestWorker;

namespace CxServerless.Workflows.Tests.Support;

/// <summary>Assertions on the records the step workflows write.</summary>
public static class StepRecordChecks
{
    /// <summary>
    /// Asserts that every step of every instance has exactly one record, holding the step's output (start + step), and
    /// that there is no other record.
    /// </summary>
    /// <param name="table">The records table.</param>
    /// <param name="starts">The start value of each instance, by instance id.</param>
    /// <param name="steps">The number of steps of each instance.</param>
    /// <returns>The records.</returns>
    public static async Task<IReadOnlyList<StepRecord>> AssertEachStepRecordedOnceAsync(
        StepRecordTable table, IReadOnlyDictionary<string, int> starts, int steps)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(starts);
        var records = await table.ReadRecordsAsync();
        var expected = starts
            .SelectMany(s => Enumerable.Range(1, steps).Select(step => $"{s.Key}/{step}={s.Value + step}"))
            .Order(StringComparer.Ordinal);
        var actual = records.Select(r => $"{r.InstanceId}/{r.Step}={r.Value}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        return records;
    }
}

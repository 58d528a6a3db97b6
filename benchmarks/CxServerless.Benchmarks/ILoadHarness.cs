namespace CxServerless.Benchmarks;

/// <summary>
/// A load benchmark that is not a BenchmarkDotNet suite (it drives processes, Azurite or HTTP). It prints its results
/// as a table, with each figure as a ratio against a baseline measured in the same run.
/// </summary>
public interface ILoadHarness
{
    /// <summary>The name used on the command line: <c>./cx bench {Name}</c>.</summary>
    string Name { get; }

    /// <summary>One line saying what it measures and against which baseline.</summary>
    string Description { get; }

    /// <summary>Runs the harness and returns the process exit code.</summary>
    Task<int> RunAsync(string[] args);
}

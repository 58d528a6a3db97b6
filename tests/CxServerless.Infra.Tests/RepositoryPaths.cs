using CxServerless.Testing;

namespace CxServerless.Infra.Tests;

/// <summary>Paths inside the repository that the infrastructure tests read.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = AzuriteFixture.RepositoryRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string FunctionApp => Path.Combine(Root, "functions");

    public static string LocalSettingsSample => Path.Combine(Root, "local.settings.sample.json");

    /// <summary>The folders whose C# code runs inside the handler process (the handler and the libraries it hosts).</summary>
    public static IEnumerable<string> HandlerSourceFolders =>
    [
        Path.Combine(Root, "functions", "CxServerless.Functions"),
        Path.Combine(Root, "functions", "CxServerless.Domain"),
        Path.Combine(Root, "durable-workflows"),
    ];

    /// <summary>The function folders: direct children of the app root that hold a function.json.</summary>
    public static IReadOnlyList<string> FunctionFolders() =>
        [.. Directory.EnumerateDirectories(FunctionApp)
            .Where(dir => File.Exists(Path.Combine(dir, "function.json")))
            .Order(StringComparer.Ordinal)];
}

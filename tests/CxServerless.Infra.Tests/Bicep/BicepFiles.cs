namespace CxServerless.Infra.Tests.Bicep;

/// <summary>The Bicep sources under <c>infra/</c>, discovered so that a new module is tested without listing it.</summary>
internal static class BicepFiles
{
    /// <summary>The environment the .bicepparam files read: placeholder ids, never real secrets.</summary>
    public static IReadOnlyDictionary<string, string> ParameterEnvironment { get; } = new Dictionary<string, string>
    {
        ["CX_API_CLIENT_ID"] = "00000000-0000-0000-0000-000000000001",
        ["CX_ALERT_EMAIL"] = "operators@example.invalid",
    };

    public static TheoryData<string> Templates() => Data("*.bicep");

    public static TheoryData<string> ParameterFiles() => Data("*.bicepparam");

    private static TheoryData<string> Data(string pattern)
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Infra, pattern, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryPaths.Infra, path))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"No {pattern} files under '{RepositoryPaths.Infra}'.");
        }

        var data = new TheoryData<string>();
        foreach (var file in files)
        {
            data.Add(file);
        }

        return data;
    }
}

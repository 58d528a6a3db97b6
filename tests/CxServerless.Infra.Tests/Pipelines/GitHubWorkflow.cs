using YamlDotNet.RepresentationModel;

namespace CxServerless.Infra.Tests.Pipelines;

/// <summary>One GitHub Actions workflow under <c>.github/workflows/</c>, parsed.</summary>
internal sealed class GitHubWorkflow
{
    private GitHubWorkflow(string path, YamlMappingNode root)
    {
        Path = path;
        Root = root;
    }

    /// <summary>The folder of the repository's workflows.</summary>
    public static string Folder => System.IO.Path.Combine(RepositoryPaths.Root, ".github", "workflows");

    /// <summary>The file, absolute.</summary>
    public string Path { get; }

    /// <summary>The file name, e.g. <c>ci.yml</c>.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The document.</summary>
    public YamlMappingNode Root { get; }

    /// <summary>The <c>on:</c> mapping (events to their filters).</summary>
    public YamlNode? Triggers => Root.Child("on");

    /// <summary>The jobs by id.</summary>
    public IReadOnlyDictionary<string, YamlNode> Jobs =>
        Root.Child("jobs") is YamlMappingNode jobs
            ? jobs.Children.ToDictionary(p => p.Key.Text() ?? string.Empty, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, YamlNode>();

    /// <summary>Every step of every job, in order.</summary>
    public IReadOnlyList<YamlNode> Steps => [.. Jobs.Values.SelectMany(job => job.Child("steps").Items())];

    /// <summary>The shell scripts of the <c>run:</c> steps, in order.</summary>
    public IReadOnlyList<string> RunScripts => [.. Steps.Select(step => step.Child("run").Text()).OfType<string>()];

    /// <summary>Loads one file.</summary>
    public static GitHubWorkflow Load(string path) => new(path, Yaml.LoadMapping(path));

    /// <summary>The workflow named <paramref name="fileName"/>, which must exist.</summary>
    public static GitHubWorkflow Named(string fileName)
    {
        var path = System.IO.Path.Combine(Folder, fileName);
        Assert.True(File.Exists(path), $"{path} is missing");
        return Load(path);
    }

    /// <summary>Every workflow file of the repository.</summary>
    public static IReadOnlyList<string> Files() =>
        [.. Directory.EnumerateFiles(Folder, "*.yml").Concat(Directory.EnumerateFiles(Folder, "*.yaml"))
            .Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>The files as theory data.</summary>
    public static TheoryData<string> FileData() => [.. Files()];

    /// <summary>The steps that use <paramref name="action"/> (any version), e.g. <c>actions/setup-dotnet</c>.</summary>
    public IReadOnlyList<YamlNode> StepsUsing(string action) =>
        [.. Steps.Where(step => step.Child("uses").Text() is { } uses
            && uses.StartsWith(action + "@", StringComparison.OrdinalIgnoreCase))];

    /// <summary>The index of the first run step whose script contains <paramref name="text"/>, or -1.</summary>
    public int IndexOfRun(string text)
    {
        var steps = Steps;
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Child("run").Text() is { } run && run.Contains(text, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

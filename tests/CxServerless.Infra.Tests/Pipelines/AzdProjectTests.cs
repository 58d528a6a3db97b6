using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CxServerless.Infra.Tests.Pipelines;

/// <summary>
/// azure.yaml, checked offline (azd itself cannot run here): the infra folder and module it names exist with a
/// parameter file azd reads, its service is the Function App the template tags for it, its hooks exist and run only
/// commands the cx script implements, and the hook fills the folder the service deploys.
/// </summary>
public sealed partial class AzdProjectTests
{
    private static YamlMappingNode Project => Yaml.LoadMapping(Path.Combine(RepositoryPaths.Root, "azure.yaml"));

    [Fact]
    public void The_project_name_is_one_azd_accepts()
    {
        var name = Project.Child("name").Text();

        Assert.NotNull(name);
        Assert.Matches(ProjectName(), name);
    }

    [Fact]
    public void The_infra_module_exists_with_a_parameter_file_azd_reads_that_sets_every_required_parameter()
    {
        var infra = Project.Child("infra");
        var folder = Path.Combine(RepositoryPaths.Root, infra.Child("path").Text() ?? "infra");
        var module = infra.Child("module").Text() ?? "main";
        var template = File.ReadAllText(Path.Combine(folder, module + ".bicep"));
        var parameterFile = File.ReadAllText(Path.Combine(folder, module + ".parameters.json"));
        var parameters = JsonNode.Parse(parameterFile)!["parameters"]!.AsObject();
        var declared = Parameter().Matches(template).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Success);

        Assert.Equal("bicep", infra.Child("provider").Text());
        Assert.NotEmpty(parameters);
        Assert.All(parameters, p => Assert.True(
            declared.ContainsKey(p.Key), $"{module}.parameters.json sets '{p.Key}', which {module}.bicep does not declare"));
        Assert.All(declared.Where(d => !d.Value), d => Assert.True(
            parameters.ContainsKey(d.Key), $"{module}.parameters.json misses the required '{d.Key}'"));
    }

    [Fact]
    public void Every_service_is_a_function_app_the_template_tags_with_its_name()
    {
        var services = Project.Child("services");
        var functionApp = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "modules", "functionApp.bicep"));

        Assert.NotEmpty(services.Keys());
        Assert.All(services.Keys(), name =>
        {
            Assert.Equal("function", services.Child(name).Child("host").Text());
            Assert.Contains($"'azd-service-name': '{name}'", functionApp, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_hook_script_exists_is_executable_and_runs_only_cx_commands_that_exist()
    {
        var hooks = Project.Child("hooks");
        var implemented = CxScript.Commands();
        var runs = hooks.Keys()
            .SelectMany(hook => new[] { hooks.Child(hook).Child("posix").Child("run").Text(), hooks.Child(hook).Child("run").Text() })
            .OfType<string>()
            .ToList();

        Assert.Contains("prepackage", hooks.Keys());
        Assert.NotEmpty(runs);
        Assert.All(runs, run =>
        {
            var script = Path.Combine(RepositoryPaths.Root, run.Split(' ')[0]);
            Assert.True(File.Exists(script), $"hook script '{run}' is missing");
            Assert.True(
                OperatingSystem.IsWindows() || File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{run} is not executable");
            var invoked = CxScript.InvokedCommands(File.ReadAllText(script)).ToList();
            Assert.Contains("package", invoked);
            Assert.All(invoked, command => Assert.Contains(command, implemented));
        });
    }

    [Fact]
    public void The_prepackage_hook_fills_the_folder_every_service_deploys()
    {
        var run = Project.Child("hooks").Child("prepackage").Child("posix").Child("run").Text();
        var services = Project.Child("services");

        Assert.NotNull(run);
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, run.Split(' ')[0]));
        var stage = StageFolder().Match(script);
        Assert.True(stage.Success, $"{run} names no STAGE folder");
        Assert.All(services.Keys(), name => Assert.Equal(
            stage.Groups["folder"].Value.TrimEnd('/'),
            services.Child(name).Child("project").Text()?.TrimStart('.', '/').TrimEnd('/')));
        Assert.Contains("unzip", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_azd_environment_folder_is_ignored_by_git()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".gitignore")).Select(l => l.Trim());

        Assert.Contains(ignored, line => line is ".azure/" or ".azure" or "/.azure/");
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex ProjectName();

    [GeneratedRegex(@"^param (?<name>\w+) \w+(?<default> = .*)?$", RegexOptions.Multiline)]
    private static partial Regex Parameter();

    [GeneratedRegex(@"^STAGE=(?<folder>\S+)$", RegexOptions.Multiline)]
    private static partial Regex StageFolder();
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CxServerless.Infra.Tests.Pipelines;

/// <summary>
/// The GitHub Actions workflows, checked offline: their structure, that every <c>./cx</c> command they run exists in
/// the <c>cx</c> script, that every repository path they name exists, and that they read no secret or variable beyond
/// the OpenID Connect ids and the documented non-secret variables.
/// </summary>
public sealed partial class GitHubWorkflowTests
{
    /// <summary>The OpenID Connect ids: the only names that may be read from secrets (or from variables).</summary>
    private static readonly string[] OidcIds = ["AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_SUBSCRIPTION_ID"];

    /// <summary>Non-secret environment variables the deployment reads (docs/deploy.md lists them).</summary>
    private static readonly string[] PlainVariables = ["AZURE_RESOURCE_GROUP", "AZURE_LOCATION", "CX_API_CLIENT_ID", "CX_ALERT_EMAIL"];

    [Fact]
    public void The_repository_has_the_ci_and_deploy_workflows() =>
        Assert.Superset(new HashSet<string>(["ci.yml", "deploy.yml"]), GitHubWorkflow.Files().ToHashSet());

    [Theory]
    [MemberData(nameof(GitHubWorkflow.FileData), MemberType = typeof(GitHubWorkflow))]
    public void Workflow_declares_triggers_permissions_and_jobs_that_each_name_a_runner(string file)
    {
        var workflow = GitHubWorkflow.Named(file);

        Assert.NotEmpty(workflow.Triggers.Keys());
        Assert.True(workflow.Root.Child("permissions") is YamlMappingNode, $"{file}: no top-level permissions mapping");
        Assert.NotEmpty(workflow.Jobs);
        Assert.All(workflow.Jobs, job =>
        {
            Assert.False(string.IsNullOrWhiteSpace(job.Value.Child("runs-on").Text()), $"{file}: job {job.Key} has no runs-on");
            Assert.NotEmpty(job.Value.Child("steps").Items());
        });
    }

    [Fact]
    public void Ci_runs_the_readme_test_command_on_pull_requests_and_main()
    {
        var ci = GitHubWorkflow.Named("ci.yml");
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var testCommand = ReadmeTestCommand().Match(readme);

        Assert.True(testCommand.Success, "README.md names no ./cx test command");
        Assert.Contains("pull_request", ci.Triggers.Keys());
        Assert.Contains("main", ci.Triggers.Child("push").Child("branches").Items().Select(b => b.Text()));
        Assert.All(ci.Jobs.Values, job => Assert.Equal("ubuntu-latest", job.Child("runs-on").Text()));
        Assert.Contains(ci.RunScripts, script => script.Trim() == testCommand.Value);
        Assert.Equal("read", ci.Root.Child("permissions").Child("contents").Text());
        Assert.Null(ci.Root.Child("permissions").Child("id-token"));
    }

    [Theory]
    [MemberData(nameof(GitHubWorkflow.FileData), MemberType = typeof(GitHubWorkflow))]
    public void Workflow_takes_dotnet_from_global_json_and_node_from_a_pin_that_meets_package_json(string file)
    {
        var workflow = GitHubWorkflow.Named(file);
        if (workflow.IndexOfRun("./cx ") < 0)
        {
            return;
        }

        var dotnet = Assert.Single(workflow.StepsUsing("actions/setup-dotnet"));
        var node = Assert.Single(workflow.StepsUsing("actions/setup-node"));
        var pin = node.Child("with").Child("node-version-file").Text();
        var engines = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "package.json")))!["engines"]!["node"]!
            .GetValue<string>();
        var minimum = int.Parse(MinimumMajor().Match(engines).Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("global.json", dotnet.Child("with").Child("global-json-file").Text());
        Assert.NotNull(pin);
        var pinned = File.ReadAllText(Path.Combine(RepositoryPaths.Root, pin)).Trim().TrimStart('v');
        Assert.True(int.TryParse(pinned.Split('.')[0], out var major), $"{pin} holds '{pinned}', not a Node.js version");
        Assert.True(major >= minimum, $"{pin} pins Node.js {major}; package.json engines asks for {engines}");
    }

    [Theory]
    [MemberData(nameof(GitHubWorkflow.FileData), MemberType = typeof(GitHubWorkflow))]
    public void Every_cx_command_a_workflow_runs_is_one_the_cx_script_implements(string file)
    {
        var implemented = CxScript.Commands();
        var invoked = GitHubWorkflow.Named(file).RunScripts.SelectMany(CxScript.InvokedCommands).ToList();

        Assert.Contains("test", implemented);
        Assert.NotEmpty(invoked);
        Assert.All(invoked, command => Assert.Contains(command, implemented));
    }

    [Theory]
    [MemberData(nameof(GitHubWorkflow.FileData), MemberType = typeof(GitHubWorkflow))]
    public void Every_repository_path_a_workflow_names_exists(string file)
    {
        var workflow = GitHubWorkflow.Named(file);
        var environments = DeployEnvironments();
        var paths = workflow.Root.ScalarValues()
            .SelectMany(value => RepositoryPath().Matches(value).Select(m => m.Value))
            .SelectMany(path => EnvironmentPlaceholder().IsMatch(path)
                ? environments.Select(e => EnvironmentPlaceholder().Replace(path, e))
                : [path])
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(
            File.Exists(Path.Combine(RepositoryPaths.Root, path)) || Directory.Exists(Path.Combine(RepositoryPaths.Root, path)),
            $"{file} names '{path}', which is not in the repository"));
    }

    [Theory]
    [MemberData(nameof(GitHubWorkflow.FileData), MemberType = typeof(GitHubWorkflow))]
    public void Workflow_reads_no_secret_or_variable_but_the_oidc_ids_and_the_documented_variables(string file)
    {
        var text = File.ReadAllText(Path.Combine(GitHubWorkflow.Folder, file));
        var references = ContextReference().Matches(text)
            .Select(m => (Context: m.Groups["context"].Value, Name: m.Groups["name"].Value))
            .ToList();

        Assert.DoesNotMatch(WholeContext(), text);
        Assert.All(references, r => Assert.True(
            OidcIds.Contains(r.Name, StringComparer.Ordinal)
                || (r.Context == "vars" && PlainVariables.Contains(r.Name, StringComparer.Ordinal)),
            $"{file} reads {r.Context}.{r.Name}"));
    }

    [Fact]
    public void Every_variable_the_deployment_reads_is_documented_in_deploy_md()
    {
        var text = File.ReadAllText(Path.Combine(GitHubWorkflow.Folder, "deploy.yml"));
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "deploy.md"));
        var names = ContextReference().Matches(text).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains($"`{name}`", docs, StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_signs_in_with_openid_connect_and_runs_on_tags_or_per_environment()
    {
        var deploy = GitHubWorkflow.Named("deploy.yml");
        var permissions = deploy.Root.Child("permissions");
        var login = Assert.Single(deploy.StepsUsing("azure/login"));
        var options = deploy.Triggers.Child("workflow_dispatch").Child("inputs").Child("environment").Child("options").Items();

        Assert.Equal("write", permissions.Child("id-token").Text());
        Assert.Equal("read", permissions.Child("contents").Text());
        Assert.Contains("v*", deploy.Triggers.Child("push").Child("tags").Items().Select(t => t.Text()));
        Assert.Equal(DeployEnvironments(), options.Select(o => o.Text()).Order(StringComparer.Ordinal));
        Assert.Equal(["client-id", "subscription-id", "tenant-id"], login.Child("with").Keys().Order(StringComparer.Ordinal));
        Assert.All(deploy.Jobs.Values, job => Assert.NotNull(job.Child("environment")));
    }

    [Fact]
    public void Deploy_builds_params_previews_deploys_infra_then_the_package_then_smoke_tests_health()
    {
        var deploy = GitHubWorkflow.Named("deploy.yml");
        string[] order =
        [
            "bicep build-params",
            "az deployment group what-if",
            "az deployment group create",
            "az functionapp deployment source config-zip",
            "/api/health",
        ];
        var positions = order.Select(deploy.IndexOfRun).ToList();
        var whatIf = deploy.RunScripts[deploy.RunScripts.ToList().FindIndex(s => s.Contains(order[1], StringComparison.Ordinal))];

        Assert.All(positions.Zip(order), p => Assert.True(p.First >= 0, $"deploy.yml runs no '{p.Second}'"));
        Assert.Equal(positions.Order(), positions);
        var package = deploy.IndexOfRun("./cx package");
        Assert.True(package >= 0 && package < positions[3], "the package is built before it is deployed");
        Assert.Contains("$GITHUB_STEP_SUMMARY", whatIf, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_smoke_tests_the_path_that_app_service_authentication_lets_through()
    {
        var main = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.bicep"));
        var anonymous = AnonymousPaths().Match(main);
        var smoke = GitHubWorkflow.Named("deploy.yml").RunScripts.Single(s => s.Contains("curl", StringComparison.Ordinal));

        Assert.True(anonymous.Success, "main.bicep passes no anonymousPaths to the function app");
        var paths = QuotedText().Matches(anonymous.Groups["paths"].Value).Select(m => m.Groups["text"].Value).ToList();
        Assert.Contains(paths, path => Regex.IsMatch(smoke, Regex.Escape(path) + @"(?![\w/.-])"));
        Assert.Contains("functionAppUrl", File.ReadAllText(Path.Combine(GitHubWorkflow.Folder, "deploy.yml")), StringComparison.Ordinal);
        Assert.Contains("output functionAppUrl ", main, StringComparison.Ordinal);
    }

    /// <summary>The environments a parameter file exists for (<c>infra/main.ENV.bicepparam</c>).</summary>
    private static IReadOnlyList<string> DeployEnvironments() =>
        [.. Directory.EnumerateFiles(RepositoryPaths.Infra, "main.*.bicepparam")
            .Select(path => Path.GetFileName(path).Split('.')[1])
            .Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\./cx test\b")]
    private static partial Regex ReadmeTestCommand();

    [GeneratedRegex(@">=\s*(?<major>\d+)")]
    private static partial Regex MinimumMajor();

    // Relative paths into the repository's own folders or its root files; artifacts/ is produced, so not listed.
    [GeneratedRegex(
        @"(?<![\w/.$-])(?:(?:infra|functions|scripts|tests|docs|tools|durable-workflows)/[\w.${}/-]*[\w}]"
        + @"|global\.json|\.nvmrc|package(?:-lock)?\.json)")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"\$\{?CX_ENVIRONMENT\}?|\$\{\{\s*inputs\.environment[^}]*\}\}")]
    private static partial Regex EnvironmentPlaceholder();

    [GeneratedRegex(@"\b(?<context>secrets|vars)\.(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ContextReference();

    // The whole context (toJSON(secrets), secrets[...], secrets: inherit) would hand over every secret at once.
    [GeneratedRegex(@"\b(?:secrets|vars)\s*(?:\)|\[)|secrets:\s*inherit")]
    private static partial Regex WholeContext();

    [GeneratedRegex(@"anonymousPaths:\s*\[(?<paths>[^\]]*)\]")]
    private static partial Regex AnonymousPaths();

    [GeneratedRegex(@"'(?<text>[^']*)'")]
    private static partial Regex QuotedText();
}

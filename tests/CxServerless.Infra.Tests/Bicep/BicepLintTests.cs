namespace CxServerless.Infra.Tests.Bicep;

/// <summary>
/// Every .bicep and .bicepparam file under infra/ builds and lints with the real bicep CLI without a single warning
/// or error; infra/bicepconfig.json turns linter findings into errors.
/// </summary>
public sealed class BicepLintTests
{
    [Theory]
    [MemberData(nameof(BicepFiles.Templates), MemberType = typeof(BicepFiles))]
    public async Task Template_builds_without_diagnostics(string file)
    {
        var result = await BicepCli.RunAsync(RepositoryPaths.Infra, null, "build", file, "--stdout");

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Empty(result.Findings);
    }

    [Theory]
    [MemberData(nameof(BicepFiles.Templates), MemberType = typeof(BicepFiles))]
    public async Task Template_lints_without_findings(string file)
    {
        var result = await BicepCli.RunAsync(RepositoryPaths.Infra, null, "lint", file);

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Empty(result.Findings);
    }

    [Theory]
    [MemberData(nameof(BicepFiles.ParameterFiles), MemberType = typeof(BicepFiles))]
    public async Task Parameter_file_builds_and_lints_without_findings(string file)
    {
        var build = await BicepCli.RunAsync(RepositoryPaths.Infra, BicepFiles.ParameterEnvironment, "build-params", file, "--stdout");
        var lint = await BicepCli.RunAsync(RepositoryPaths.Infra, BicepFiles.ParameterEnvironment, "lint", file);

        Assert.True(build.ExitCode == 0, build.Transcript);
        Assert.Empty(build.Findings);
        Assert.True(lint.ExitCode == 0, lint.Transcript);
        Assert.Empty(lint.Findings);
    }

    [Theory]
    [MemberData(nameof(BicepFiles.ParameterFiles), MemberType = typeof(BicepFiles))]
    public async Task Parameter_file_refuses_to_build_without_the_api_client_id(string file)
    {
        var result = await BicepCli.RunAsync(RepositoryPaths.Infra, new Dictionary<string, string> { ["CX_API_CLIENT_ID"] = string.Empty, ["CX_ALERT_EMAIL"] = "a@example.invalid" }, "build-params", file, "--stdout");

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task Linter_configuration_turns_a_finding_into_an_error()
    {
        var folder = Directory.CreateTempSubdirectory("cx-bicepconfig-");
        try
        {
            File.Copy(Path.Combine(RepositoryPaths.Infra, "bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "probe.bicep"), "param unused string\n");

            var result = await BicepCli.RunAsync(folder.FullName, null, "lint", "probe.bicep");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains(result.Diagnostics, line => line.Contains(": Error no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_module_is_used_by_main()
    {
        var main = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.bicep"));
        var modules = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Infra, "modules"), "*.bicep")
            .Select(path => $"'modules/{Path.GetFileName(path)}'");

        Assert.All(modules, module => Assert.Contains(module, main, StringComparison.Ordinal));
    }
}

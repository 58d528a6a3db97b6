using System.IO.Compression;
using System.Text.Json.Nodes;

namespace CxServerless.Infra.Tests.Packaging;

/// <summary>
/// The package that <c>./cx package</c> builds has the layout Flex Consumption runs, and its layout check rejects a
/// package without the handler executable, without its execute bit, or without a function folder.
/// </summary>
public sealed class PackageLayoutTests(BuiltPackage package) : IClassFixture<BuiltPackage>
{
    private const int OwnerExecute = 0b001_000_000; // 0o100 in the Unix mode stored in the high 16 bits

    [Fact]
    public void Package_has_host_json_and_every_function_folder_at_the_root()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("host.json", names);
        var functions = RepositoryPaths.FunctionFolders().Select(Path.GetFileName).ToList();
        Assert.NotEmpty(functions);
        Assert.All(functions, name => Assert.Contains($"{name}/function.json", names));
    }

    [Fact]
    public void Handler_is_the_self_contained_linux_executable_that_host_json_names_with_its_execute_bit()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var executable = ExecutablePath(zip);

        var entry = zip.GetEntry(executable);

        Assert.NotNull(entry);
        Assert.True(((entry.ExternalAttributes >> 16) & OwnerExecute) != 0, $"{executable} has no execute bit");
        Assert.NotNull(zip.GetEntry("handler/libcoreclr.so"));
        Assert.NotNull(zip.GetEntry("handler/CxServerless.Functions.dll"));
        Assert.NotNull(zip.GetEntry("handler/CxServerless.Functions.runtimeconfig.json"));
    }

    [Fact]
    public void Package_has_no_local_settings_and_no_development_identities()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);

        Assert.DoesNotContain(zip.Entries, e => e.Name.StartsWith("local.settings", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(zip.Entries, e => e.Name.Equals("appsettings.Development.json", StringComparison.OrdinalIgnoreCase));
        foreach (var json in zip.Entries.Where(e => e.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
        {
            using var reader = new StreamReader(json.Open());
            Assert.DoesNotContain("CxDevelopmentIdentities", reader.ReadToEnd(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_ends_with_a_passing_layout_check()
    {
        Assert.Contains("layout ok", package.BuildOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_rejects_a_package_without_the_handler_executable()
    {
        var broken = Copy("no-executable.zip", zip => zip.GetEntry(ExecutablePath(zip))!.Delete());

        var (exitCode, output) = await ScriptRunner.PackageAsync("--check", broken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("handler executable handler/CxServerless.Functions is missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_rejects_a_handler_without_its_execute_bit()
    {
        var broken = Copy("no-execute-bit.zip", zip =>
        {
            var entry = zip.GetEntry(ExecutablePath(zip))!;
            entry.ExternalAttributes = (entry.ExternalAttributes & ~(0b001_001_001 << 16));
        });

        var (exitCode, output) = await ScriptRunner.PackageAsync("--check", broken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("has no execute bit", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_rejects_a_package_missing_a_function_folder()
    {
        var function = Path.GetFileName(RepositoryPaths.FunctionFolders()[0]);
        var broken = Copy("no-function.zip", zip =>
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(function + "/", StringComparison.Ordinal)).ToList())
            {
                entry.Delete();
            }
        });

        var (exitCode, output) = await ScriptRunner.PackageAsync("--check", broken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"function folder {function}/ (with function.json) is missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_rejects_a_package_with_local_settings()
    {
        var broken = Copy("local-settings.zip", zip =>
        {
            using var writer = new StreamWriter(zip.CreateEntry("local.settings.json").Open());
            writer.Write("""{"Values":{"CxDevelopmentIdentities":"true"}}""");
        });

        var (exitCode, output) = await ScriptRunner.PackageAsync("--check", broken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("local.settings", output, StringComparison.Ordinal);
        Assert.Contains("CxDevelopmentIdentities", output, StringComparison.Ordinal);
    }

    private static string ExecutablePath(ZipArchive zip)
    {
        using var reader = new StreamReader(zip.GetEntry("host.json")!.Open());
        var host = JsonNode.Parse(reader.ReadToEnd())!;
        return host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>();
    }

    private string Copy(string name, Action<ZipArchive> change)
    {
        var path = Path.Combine(package.Scratch, name);
        File.Copy(package.PackagePath, path, overwrite: true);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            change(zip);
        }

        return path;
    }
}

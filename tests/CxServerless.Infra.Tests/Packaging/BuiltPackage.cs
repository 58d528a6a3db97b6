namespace CxServerless.Infra.Tests.Packaging;

/// <summary>
/// Builds the deployable package once for the test class with <c>scripts/package.sh</c> (what <c>./cx package</c>
/// runs), into a temporary folder that is deleted afterwards.
/// </summary>
public sealed class BuiltPackage : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cx-package-");

    /// <summary>The package file.</summary>
    public string PackagePath => Path.Combine(_folder.FullName, "cxserverless-functions.zip");

    /// <summary>A scratch folder for altered copies of the package.</summary>
    public string Scratch => _folder.FullName;

    /// <summary>What the build printed (it ends with the layout check's summary).</summary>
    public string BuildOutput { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var (exitCode, output) = await ScriptRunner.PackageAsync("--output", PackagePath);
        BuildOutput = output;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"scripts/package.sh failed with exit code {exitCode}:\n{output}");
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

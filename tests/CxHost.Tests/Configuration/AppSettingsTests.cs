using CxHost.Configuration;

namespace CxHost.Tests.Configuration;

public sealed class AppSettingsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cxhost-settings-" + Guid.NewGuid().ToString("N"));

    public AppSettingsTests() => Directory.CreateDirectory(Path.Combine(_root, "functions"));

    [Fact]
    public void Load_prefers_local_settings_over_the_sample_and_lets_the_environment_override()
    {
        File.WriteAllText(Path.Combine(_root, "local.settings.sample.json"), """{ "Values": { "A": "sample" } }""");
        File.WriteAllText(Path.Combine(_root, "local.settings.json"), """{ "Values": { "A": "local", "B": "local-b", "C": "c" } }""");
        var environment = new Dictionary<string, string> { ["B"] = "from-env" };

        var settings = AppSettings.Load(Path.Combine(_root, "functions"), new Dictionary<string, string> { ["C"] = "override" }, n => environment.GetValueOrDefault(n));

        Assert.Equal(Path.Combine(_root, "local.settings.json"), settings.Source);
        Assert.Equal("local", settings.Get("A"));
        Assert.Equal("from-env", settings.Get("b"));
        Assert.Equal("override", settings.Get("C"));
    }

    [Fact]
    public void Load_falls_back_to_the_sample()
    {
        File.WriteAllText(Path.Combine(_root, "local.settings.sample.json"), """{ "Values": { "A": "sample" } }""");
        var settings = AppSettings.Load(Path.Combine(_root, "functions"), environment: _ => null);
        Assert.Equal("sample", settings.Get("A"));
    }

    [Fact]
    public void Resolve_replaces_every_reference()
    {
        var settings = new AppSettings(new Dictionary<string, string> { ["Hub"] = "cx", ["Env"] = "dev" });
        Assert.Equal("cx-dev/cx", settings.Resolve("%Hub%-%Env%/%hub%"));
        Assert.Equal("no references", settings.Resolve("no references"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

using CxHost.Configuration;

namespace CxHost.Tests.Configuration;

public sealed class FunctionAppDefinitionTests : IDisposable
{
    private readonly string _app = Path.Combine(Path.GetTempPath(), "cxhost-app-" + Guid.NewGuid().ToString("N"));

    public FunctionAppDefinitionTests()
    {
        Directory.CreateDirectory(_app);
        File.WriteAllText(Path.Combine(_app, "host.json"), """{ "customHandler": { "description": { "defaultExecutablePath": "h" } } }""");
        Write("Tick", """{ "bindings": [ { "type": "timerTrigger", "name": "t", "schedule": "0 * * * * *" } ] }""");
        Write("Off", """{ "disabled": true, "bindings": [ { "type": "timerTrigger", "name": "t", "schedule": "0 * * * * *" } ] }""");
        Write("OffBySetting", """{ "disabled": "TurnOff", "bindings": [ { "type": "timerTrigger", "name": "t", "schedule": "0 * * * * *" } ] }""");
        Write(Path.Combine("nested", "Deep"), """{ "bindings": [ { "type": "timerTrigger", "name": "t", "schedule": "0 * * * * *" } ] }""");
        Directory.CreateDirectory(Path.Combine(_app, "handler"));
    }

    [Fact]
    public void Load_reads_direct_child_folders_and_skips_disabled_functions()
    {
        var app = FunctionAppDefinition.Load(_app, new AppSettings(new Dictionary<string, string> { ["TurnOff"] = "true" }));

        Assert.Equal(["Tick"], app.Functions.Select(f => f.Name));
        Assert.Equal(["Tick"], app.WithTrigger("TIMERTRIGGER").Select(f => f.Name));
        Assert.Empty(app.WithTrigger("queueTrigger"));
    }

    [Fact]
    public void A_disabling_setting_that_is_false_keeps_the_function()
    {
        var app = FunctionAppDefinition.Load(_app, new AppSettings(new Dictionary<string, string> { ["TurnOff"] = "false" }));
        Assert.Equal(["OffBySetting", "Tick"], app.Functions.Select(f => f.Name));
    }

    [Fact]
    public void Load_refuses_a_folder_without_host_json()
    {
        Assert.Throws<InvalidOperationException>(() => FunctionAppDefinition.Load(Path.Combine(_app, "handler"), new AppSettings([])));
    }

    public void Dispose() => Directory.Delete(_app, recursive: true);

    private void Write(string folder, string json)
    {
        Directory.CreateDirectory(Path.Combine(_app, folder));
        File.WriteAllText(Path.Combine(_app, folder, "function.json"), json);
    }
}

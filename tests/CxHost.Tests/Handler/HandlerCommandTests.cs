using CxHost.Handler;

namespace CxHost.Tests.Handler;

public sealed class HandlerCommandTests : IDisposable
{
    private readonly string _app = Path.Combine(Path.GetTempPath(), "cxhost-handler-" + Guid.NewGuid().ToString("N"));

    public HandlerCommandTests() => Directory.CreateDirectory(Path.Combine(_app, "handler"));

    [Fact]
    public void An_executable_runs_directly_from_the_app_root()
    {
        File.WriteAllText(Path.Combine(_app, "handler", "App"), string.Empty);
        var command = HandlerCommand.Resolve(_app, "handler/App", string.Empty, ["--x"], null);

        Assert.Equal(Path.Combine(_app, "handler", "App"), command.FileName);
        Assert.Equal(["--x"], command.Arguments);
        Assert.Equal(_app, command.WorkingDirectory);
    }

    [Fact]
    public void A_missing_executable_next_to_a_dll_runs_with_dotnet()
    {
        File.WriteAllText(Path.Combine(_app, "handler", "App.dll"), string.Empty);
        var command = HandlerCommand.Resolve(_app, "handler/App", "handler", [], null);

        Assert.Equal("dotnet", command.FileName);
        Assert.Equal([Path.Combine(_app, "handler", "App.dll")], command.Arguments);
        Assert.Equal(Path.Combine(_app, "handler"), command.WorkingDirectory);
    }

    [Fact]
    public void An_override_dll_wins_and_the_environment_is_passed()
    {
        var dll = Path.Combine(_app, "Fixture.dll");
        File.WriteAllText(dll, string.Empty);
        var start = HandlerCommand.Resolve(_app, "handler/App", string.Empty, [], dll).ToStartInfo(new Dictionary<string, string> { ["A"] = "1" });

        Assert.Equal("dotnet", start.FileName);
        Assert.Equal([dll], start.ArgumentList);
        Assert.Equal("1", start.Environment["A"]);
    }

    [Fact]
    public void A_missing_handler_says_how_to_publish_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HandlerCommand.Resolve(_app, "handler/Missing", string.Empty, [], null));
        Assert.Contains("./cx up", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_app, recursive: true);
}

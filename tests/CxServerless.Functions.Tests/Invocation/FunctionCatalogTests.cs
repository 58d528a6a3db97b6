using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Tests.Invocation;

public sealed class FunctionCatalogTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cx-catalog-").FullName;

    private sealed class Named(string name) : IFunctionHandler
    {
        public string Name => name;

        public Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(InvocationResult.Ok());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Folder(string name, string hostTimeout = "00:05:00")
    {
        File.WriteAllText(Path.Combine(_root, "host.json"), $$"""{"version":"2.0","functionTimeout":"{{hostTimeout}}"}""");
        Directory.CreateDirectory(Path.Combine(_root, name));
        File.WriteAllText(Path.Combine(_root, name, "function.json"), """{"bindings":[]}""");
    }

    [Fact]
    public void A_function_folder_without_a_handler_stops_start_up_naming_it()
    {
        Folder("Orphan");
        var ex = Assert.Throws<InvalidOperationException>(() => new FunctionCatalog(_root, []));
        Assert.Contains("Orphan/function.json' has no handler", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_handler_without_a_function_folder_stops_start_up_naming_it()
    {
        Folder("Present");
        var ex = Assert.Throws<InvalidOperationException>(() => new FunctionCatalog(_root, [new Named("Present"), new Named("Missing")]));
        Assert.Contains("handler 'Missing' has no function folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_handlers_with_one_name_stop_start_up()
    {
        Folder("Twice");
        Assert.Throws<InvalidOperationException>(() => new FunctionCatalog(_root, [new Named("Twice"), new Named("Twice")]));
    }

    [Fact]
    public void Folders_deeper_than_the_app_root_are_not_functions()
    {
        Folder("Real");
        Directory.CreateDirectory(Path.Combine(_root, "Real", "nested"));
        File.WriteAllText(Path.Combine(_root, "Real", "nested", "function.json"), "{}");
        var catalog = new FunctionCatalog(_root, [new Named("Real")]);
        Assert.Equal(["Real"], catalog.Definitions.Keys);
        Assert.NotNull(catalog.Find("real"));
    }

    [Theory]
    [InlineData("00:05:00", 300, 295)]
    [InlineData("00:00:03", 3, 2.7)]
    public void Invocation_deadline_stays_under_function_timeout(string timeout, double seconds, double deadline)
    {
        Folder("F", timeout);
        var catalog = new FunctionCatalog(_root, [new Named("F")]);
        Assert.Equal(TimeSpan.FromSeconds(seconds), catalog.FunctionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(deadline), catalog.InvocationDeadline);
    }

    [Fact]
    public void Unbounded_function_timeout_has_no_deadline()
    {
        Folder("F", "-1");
        Assert.Null(new FunctionCatalog(_root, [new Named("F")]).InvocationDeadline);
    }

    [Fact]
    public void A_bad_function_timeout_stops_start_up()
    {
        Folder("F", "soon");
        Assert.Throws<InvalidOperationException>(() => new FunctionCatalog(_root, [new Named("F")]));
    }
}

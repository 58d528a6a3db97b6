using CxServerless.Functions.Invocation;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Invocation;

/// <summary>
/// One name per function: the folder under <c>functions/</c> that holds its <c>function.json</c>, the handler's
/// <see cref="IFunctionHandler.Name"/> and its class (<c>{Name}Function</c>) say the same thing. The folders on disk are
/// the expectation; the handler is what is checked against them.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class FunctionNamingTests(AzuriteFixture azurite)
{
    private static readonly string[] ProductFolders = Directory
        .EnumerateDirectories(Path.Combine(AzuriteFixture.RepositoryRoot(), "functions"))
        .Where(d => File.Exists(Path.Combine(d, "function.json")))
        .Select(Path.GetFileName)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void Every_function_folder_has_one_handler_class_of_the_same_name()
    {
        Assert.NotEmpty(ProductFolders);
        var handlerTypes = typeof(FunctionCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFunctionHandler).IsAssignableFrom(t))
            .ToList();
        var missing = ProductFolders.Where(f => handlerTypes.Count(t => t.Name == f + "Function") != 1).ToList();
        Assert.True(missing.Count == 0, "folders without exactly one class {Folder}Function: " + string.Join(", ", missing));

        var expected = ProductFolders.Select(f => f + "Function").ToHashSet(StringComparer.Ordinal);
        var strays = handlerTypes.Select(t => t.Name).Where(n => !expected.Contains(n)).ToList();
        Assert.True(strays.Count == 0, "handler classes named after no function folder: " + string.Join(", ", strays));
    }

    [Fact]
    public void Every_registered_handler_answers_to_its_class_name_and_folder()
    {
        using var server = new HandlerServer(azurite.ConnectionString);
        var handlers = server.Services.GetServices<IFunctionHandler>()
            .Where(h => h.GetType().Assembly == typeof(FunctionCatalog).Assembly)
            .ToList();

        Assert.Equal(ProductFolders, handlers.Select(h => h.Name).Order(StringComparer.Ordinal));
        foreach (var handler in handlers)
        {
            Assert.Equal(handler.Name + "Function", handler.GetType().Name);
        }
    }
}

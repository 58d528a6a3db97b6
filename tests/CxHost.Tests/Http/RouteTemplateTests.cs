using CxHost.Http;

namespace CxHost.Tests.Http;

public sealed class RouteTemplateTests
{
    [Theory]
    [InlineData("items/{id}", "items/42", "id=42")]
    [InlineData("items/{id}", "ITEMS/42/", "id=42")]
    [InlineData("items/{id:int}/{kind?}", "items/42", "id=42")]
    [InlineData("items/{id:int}/{kind?}", "items/42/big", "id=42;kind=big")]
    [InlineData("files/{*path}", "files/a/b/c.txt", "path=a/b/c.txt")]
    [InlineData("health", "health", "")]
    [InlineData("tasks/{id:guid}", "tasks/6f9619ff-8b86-d011-b42d-00cf4fc964ff", "id=6f9619ff-8b86-d011-b42d-00cf4fc964ff")]
    [InlineData("search/{term}", "search/a%20b", "term=a b")]
    public void Match_returns_the_route_values(string template, string path, string expected)
    {
        var values = RouteTemplate.Parse(template).Match(path);
        Assert.NotNull(values);
        Assert.Equal(expected, string.Join(';', values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")));
    }

    [Theory]
    [InlineData("items/{id}", "items")]
    [InlineData("items/{id}", "items/1/2")]
    [InlineData("items/{id:int}", "items/abc")]
    [InlineData("health", "healthz")]
    [InlineData("tasks/{id:guid}", "tasks/nope")]
    public void Match_refuses_other_paths(string template, string path)
    {
        Assert.Null(RouteTemplate.Parse(template).Match(path));
    }

    [Fact]
    public void Literal_routes_are_more_specific_than_parameters()
    {
        Assert.True(RouteTemplate.Parse("items/new").Specificity > RouteTemplate.Parse("items/{id}").Specificity);
        Assert.True(RouteTemplate.Parse("items/{id}").Specificity > RouteTemplate.Parse("items/{*rest}").Specificity);
    }

    [Theory]
    [InlineData("items/{id")]
    [InlineData("items/{}")]
    [InlineData("items/x{id}")]
    public void Parse_rejects_malformed_templates(string template)
    {
        Assert.Throws<InvalidOperationException>(() => RouteTemplate.Parse(template));
    }
}

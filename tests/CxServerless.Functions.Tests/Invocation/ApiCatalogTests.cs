using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Tests.Security;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Invocation;

/// <summary>
/// docs/api.md against the function app: every function folder is listed with its trigger, method and route as its
/// <c>function.json</c> declares them, every HTTP function with the roles docs/security.md admits, and every response
/// contract the page names is a type of the handler. The page is the expectation; the app is what is checked.
/// </summary>
public sealed partial class ApiCatalogTests
{
    private static readonly string Root = AzuriteFixture.RepositoryRoot();

    private sealed record RouteRow(string Method, string Route, string Function, string Roles, string Response);

    private static List<string[]> TableRows(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "docs", "api.md"));
        var start = Array.FindIndex(lines, l => l.Trim() == "## " + heading);
        Assert.True(start >= 0, $"docs/api.md has no section '{heading}'");
        return lines.Skip(start + 1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith('|'))
            .Skip(2) // header and separator
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
    }

    private static List<RouteRow> Routes() =>
        [.. TableRows("Routes").Select(c => new RouteRow(c[0], c[1].Trim('`'), c[2], c[3], c[5]))];

    private static Dictionary<string, JsonObject> Triggers() => Directory
        .EnumerateDirectories(Path.Combine(Root, "functions"))
        .Where(d => File.Exists(Path.Combine(d, "function.json")))
        .ToDictionary(
            d => Path.GetFileName(d),
            d => JsonNode.Parse(File.ReadAllText(Path.Combine(d, "function.json")))!["bindings"]!.AsArray()
                .OfType<JsonObject>()
                .Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal)),
            StringComparer.Ordinal);

    private static string[] Methods(JsonObject trigger) =>
        [.. (trigger["methods"]?.AsArray() ?? []).Select(m => m!.GetValue<string>().ToUpperInvariant())];

    [Fact]
    public void Every_http_function_is_listed_once_with_its_method_and_route()
    {
        var triggers = Triggers();
        var documented = Routes();
        var http = triggers.Where(t => t.Value["type"]!.GetValue<string>() == "httpTrigger").ToList();
        Assert.NotEmpty(http);

        var problems = new List<string>();
        foreach (var (name, trigger) in http)
        {
            var rows = documented.Where(r => r.Function == name).ToList();
            if (rows.Count != 1)
            {
                problems.Add($"{name}: listed {rows.Count} times");
                continue;
            }

            var route = trigger["route"]!.GetValue<string>();
            if (rows[0].Route != route || !Methods(trigger).SequenceEqual([rows[0].Method]))
            {
                var declared = $"{string.Join(',', Methods(trigger))} {route}";
                problems.Add($"{name}: page says {rows[0].Method} {rows[0].Route}, function.json {declared}");
            }
        }

        problems.AddRange(documented.Where(r => !triggers.ContainsKey(r.Function)).Select(r => $"{r.Function}: no such function"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_other_trigger_is_listed_with_its_source()
    {
        var triggers = Triggers().Where(t => t.Value["type"]!.GetValue<string>() != "httpTrigger").ToList();
        var rows = TableRows("Other triggers");
        Assert.Equal(triggers.Count, rows.Count);
        foreach (var (name, trigger) in triggers)
        {
            var row = rows.SingleOrDefault(r => r[2] == name);
            Assert.True(row is not null, $"{name} is not listed under 'Other triggers'");
            var source = trigger["schedule"] ?? trigger["queueName"] ?? trigger["eventHubName"];
            Assert.Equal(trigger["type"]!.GetValue<string>(), row![0]);
            Assert.Equal(source!.GetValue<string>(), row[1].Trim('`'));
        }
    }

    [Fact]
    public void Every_route_lists_the_roles_docs_security_md_admits()
    {
        // docs/security.md is the role × endpoint expectation (RoleMatrixTests checks the handler against it); this page
        // must say the same in words.
        var table = SecurityTable.Read();
        var problems = new List<string>();
        foreach (var row in Routes())
        {
            if (!table.Rows.TryGetValue(row.Function, out var expected))
            {
                problems.Add($"{row.Function}: not in docs/security.md");
                continue;
            }

            var roles = expected.Admitted.Where(c => c != SecurityTable.Anonymous).ToHashSet(StringComparer.Ordinal);
            var words = expected.Admits(SecurityTable.Anonymous) ? "anonymous"
                : roles.SetEquals(CxRoles.All) ? "every role"
                : string.Join(", ", CxRoles.All.Where(roles.Contains));
            if (row.Roles != words || row.Method != expected.Method || row.Route != expected.Route)
            {
                problems.Add($"{row.Function}: api.md says {row.Method} {row.Route} '{row.Roles}', security.md {expected.Method} " +
                    $"{expected.Route} '{words}'");
            }
        }

        problems.AddRange(table.Rows.Keys.Where(f => Routes().All(r => r.Function != f)).Select(f => $"{f}: not in docs/api.md"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_response_contract_the_page_names_is_a_handler_type()
    {
        var types = typeof(FunctionCatalog).Assembly.GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var named = Routes()
            .SelectMany(r => r.Response.Split('`').Where((_, i) => i % 2 == 1))
            .Where(n => ContractName().IsMatch(n)) // PascalCase identifiers; not headers such as ETag or If-None-Match
            .ToList();
        Assert.NotEmpty(named);
        Assert.All(named, n => Assert.True(types.Contains(n), $"docs/api.md names the contract {n}, which does not exist"));
    }

    [GeneratedRegex("^[A-Z][a-z]+[A-Z][A-Za-z]+$")]
    private static partial Regex ContractName();
}

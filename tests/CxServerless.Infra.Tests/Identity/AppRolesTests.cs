using System.Text.Json.Nodes;
using CxServerless.Domain.Access;

namespace CxServerless.Infra.Tests.Identity;

/// <summary>infra/app-roles.json (the app roles of the Entra app registration) matches the roles the handler checks.</summary>
public sealed class AppRolesTests
{
    private static JsonArray Roles() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "app-roles.json")))!.AsArray();

    [Fact]
    public void App_roles_are_exactly_the_handler_roles()
    {
        var values = Roles().Select(role => role!["value"]!.GetValue<string>()).ToList();

        Assert.Equal(CxRoles.All, values);
    }

    [Fact]
    public void App_roles_have_unique_ids_and_are_for_users()
    {
        var roles = Roles().Select(role => role!.AsObject()).ToList();

        Assert.Equal(roles.Count, roles.Select(role => Guid.Parse(role["id"]!.GetValue<string>())).Distinct().Count());
        Assert.All(roles, role => Assert.Equal(["User"], role["allowedMemberTypes"]!.AsArray().Select(t => t!.GetValue<string>())));
        Assert.All(roles, role => Assert.True(role["isEnabled"]!.GetValue<bool>()));
    }
}

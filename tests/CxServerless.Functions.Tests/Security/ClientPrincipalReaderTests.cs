using System.Text;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Tests.Security;

public sealed class ClientPrincipalReaderTests
{
    // The shape App Service Authentication sends for an Entra ID user with app roles (claims as typ/val pairs).
    private const string EntraPrincipal = """
        {"auth_typ":"aad","claims":[
          {"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"5c3e9d1a-0000-0000-0000-000000000001"},
          {"typ":"name","val":"Ana Lead"},
          {"typ":"roles","val":"TeamLead"},
          {"typ":"roles","val":"agent"},
          {"typ":"roles","val":"SomethingElse"},
          {"typ":"team","val":"billing"}],
         "name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
         "role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role"}
        """;

    private static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reads_name_id_team_and_known_roles_from_an_app_service_principal()
    {
        var caller = ClientPrincipalReader.TryRead(Base64(EntraPrincipal), allowDevelopment: false, out var error);
        Assert.Null(error);
        Assert.NotNull(caller);
        Assert.Equal("Ana Lead", caller.Name);
        Assert.Equal("5c3e9d1a-0000-0000-0000-000000000001", caller.UserId);
        Assert.Equal("billing", caller.Team);
        Assert.Equal(["Agent", "TeamLead"], caller.Roles.Order(StringComparer.Ordinal));
        Assert.False(caller.IsDevelopment);
    }

    [Fact]
    public void Reads_group_object_ids_from_groups_claims_and_drops_what_is_not_a_group_id()
    {
        const string principal = """
            {"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[
              {"typ":"name","val":"Ana Lead"},{"typ":"roles","val":"TeamLead"},
              {"typ":"groups","val":"6F1C2A4E-0000-4000-8000-00000000B111"},
              {"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups","val":"6f1c2a4e-0000-4000-8000-00000000c222"},
              {"typ":"groups","val":"not-a-group"}]}
            """;
        var caller = ClientPrincipalReader.TryRead(Base64(principal), allowDevelopment: false, out _)!;
        Assert.Null(caller.Team);
        Assert.Equal(
            ["6f1c2a4e-0000-4000-8000-00000000b111", "6f1c2a4e-0000-4000-8000-00000000c222"],
            caller.Groups.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_header_is_the_anonymous_caller()
    {
        var caller = ClientPrincipalReader.TryRead(null, allowDevelopment: false, out var error);
        Assert.Null(error);
        Assert.Same(CallerPrincipal.Anonymous, caller);
        Assert.False(caller!.IsAuthenticated);
    }

    [Theory]
    [InlineData("%%%not-base64")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("e30=")] // "{}" has no claims
    public void Malformed_header_is_refused_with_a_reason(string header)
    {
        Assert.Null(ClientPrincipalReader.TryRead(header, allowDevelopment: true, out var error));
        Assert.Contains(ClientPrincipalReader.HeaderName, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Development_principal_is_refused_unless_development_identities_are_on()
    {
        var header = ClientPrincipalReader.Encode(ClientPrincipalReader.DevelopmentAuthType, "dev-supervisor", ["Supervisor"]);
        Assert.Null(ClientPrincipalReader.TryRead(header, allowDevelopment: false, out var error));
        Assert.Contains("CxDevelopmentIdentities", error, StringComparison.Ordinal);

        var caller = ClientPrincipalReader.TryRead(header, allowDevelopment: true, out _);
        Assert.NotNull(caller);
        Assert.True(caller.IsDevelopment);
        Assert.Equal(["Supervisor"], caller.Roles);
    }
}

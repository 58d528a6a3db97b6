using CxServerless.Functions.Configuration;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Functions.Storage;

namespace CxServerless.Functions.Extensions;

/// <summary>Wires the mapping of Entra groups to teams: its table and <c>TeamGroupsGet</c> and <c>TeamGroupsReplace</c>.</summary>
public static class TeamGroupsExtensions
{
    /// <summary>Registers the team groups directory (which every HTTP function consults) and its two functions.</summary>
    public static IServiceCollection AddTeamGroups(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IConfiguration>()[HandlerSettings.TeamGroupsTable];
            var name = string.IsNullOrWhiteSpace(configured) ? TeamGroupDirectory.TableName : configured.Trim();
            return new TeamGroupDirectory(
                sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(name), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IFunctionHandler, TeamGroupsGetFunction>();
        services.AddSingleton<IFunctionHandler, TeamGroupsReplaceFunction>();
        return services;
    }
}

using CxServerless.Functions.Dashboard;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Extensions;

/// <summary>Wires the live dashboard: the page (<c>Dashboard</c>) and its static files (<c>DashboardAsset</c>).</summary>
public static class DashboardExtensions
{
    /// <summary>Registers the embedded dashboard files and the two dashboard functions.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardAssets>();
        services.AddSingleton<DashboardPage>();
        services.AddSingleton<IFunctionHandler, DashboardFunction>();
        services.AddSingleton<IFunctionHandler, DashboardAssetFunction>();
        return services;
    }
}

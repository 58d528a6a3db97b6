using CxServerless.Functions.Invocation;
using CxServerless.Functions.Operations;
using CxServerless.Functions.Storage;

namespace CxServerless.Functions.Extensions;

/// <summary>Wires the operations functions: <c>Heartbeat</c> and <c>Health</c>.</summary>
public static class OperationsExtensions
{
    /// <summary>Registers the heartbeat store and the operations function handlers.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton(sp => new HeartbeatStore(
            sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(HeartbeatStore.TableName)));
        services.AddSingleton<IFunctionHandler, HeartbeatFunction>();
        services.AddSingleton<IFunctionHandler, HealthFunction>();
        return services;
    }
}

using CxServerless.Functions.Configuration;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Privacy;
using CxServerless.Functions.Storage;
using CxServerless.Workflows.Privacy;

namespace CxServerless.Functions.Extensions;

/// <summary>Wires erasure requests: the request table, the eraser the erasure workflow calls, and the two functions.</summary>
public static class PrivacyExtensions
{
    /// <summary>The default table of erasure requests.</summary>
    public const string DefaultRequestsTable = "ErasureRequests";

    /// <summary>Adds <c>ErasureCreate</c> and <c>ErasureGet</c>. Needs ingestion, retention and the workflows.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var name = sp.GetRequiredService<IConfiguration>()[HandlerSettings.ErasureRequestsTable] is { Length: > 0 } configured
                ? configured
                : DefaultRequestsTable;
            return new ErasureRequestStore(sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(name));
        });
        services.AddSingleton<ICustomerErasure, CustomerErasure>();
        services.AddSingleton<IFunctionHandler, ErasureCreateFunction>();
        services.AddSingleton<IFunctionHandler, ErasureGetFunction>();
        return services;
    }
}

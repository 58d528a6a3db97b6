using CxServerless.Functions.Configuration;
using CxServerless.Functions.Escalation;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Storage;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Extensions;

/// <summary>
/// Registers escalation: the routing file, the Tasks and Notifications read models, the alerts-queue starter and the roster API.
/// </summary>
public static class EscalationExtensions
{
    /// <summary>Adds the escalation services and functions; the routing file is loaded and validated when the handler starts.</summary>
    public static IServiceCollection AddEscalation(this IServiceCollection services)
    {
        services.AddOptions<EscalationOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.TasksTable = configuration[HandlerSettings.TasksTable] ?? o.TasksTable;
                o.NotificationsTable = configuration[HandlerSettings.NotificationsTable] ?? o.NotificationsTable;
                o.RosterFile = configuration[HandlerSettings.RosterFile] ?? o.RosterFile;
                o.ConfigContainer = configuration[HandlerSettings.ConfigContainer] ?? o.ConfigContainer;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp => new TaskStore(Table(sp, o => o.TasksTable)));
        services.AddSingleton(sp => new NotificationStore(Table(sp, o => o.NotificationsTable)));
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var options = sp.GetRequiredService<IOptions<EscalationOptions>>().Value;
            var root = configuration[HandlerSettings.ScriptRoot] ?? AppContext.BaseDirectory;
            // As with the rules file: a file named explicitly, other than the default, must exist.
            var configured = configuration[HandlerSettings.RosterFile];
            var explicitlyNamed = !string.IsNullOrWhiteSpace(configured)
                && !string.Equals(configured.Replace('\\', '/'), new EscalationOptions().RosterFile, StringComparison.Ordinal);
            var (roster, json) = RosterSource.LoadFile(Path.GetFullPath(Path.Combine(root, options.RosterFile)), explicitlyNamed);
            return new RosterSource(
                roster,
                json,
                sp.GetRequiredService<StorageAccount>().Blobs.GetBlobContainerClient(options.ConfigContainer),
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IRosterSource>(sp => sp.GetRequiredService<RosterSource>());
        services.AddSingleton<IFunctionHandler, StartEscalationFunction>();
        services.AddSingleton<IFunctionHandler, RosterGetFunction>();
        services.AddSingleton<IFunctionHandler, RosterReplaceFunction>();
        return services;
    }

    private static Azure.Data.Tables.TableClient Table(IServiceProvider sp, Func<EscalationOptions, string> name) =>
        sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(name(sp.GetRequiredService<IOptions<EscalationOptions>>().Value));
}

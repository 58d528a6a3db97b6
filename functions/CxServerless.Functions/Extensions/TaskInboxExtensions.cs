using CxServerless.Functions.Analytics;
using CxServerless.Functions.Configuration;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Storage;
using CxServerless.Functions.Tasks;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Extensions;

/// <summary>Registers the task inbox: the task and notification API, the FalseAlarms table and the inbox page.</summary>
public static class TaskInboxExtensions
{
    /// <summary>
    /// Adds the task inbox functions. Needs <c>AddEscalation</c> (tasks, roster), <c>AddAnalytics</c> (alerts) and the workflows.
    /// </summary>
    public static IServiceCollection AddTaskInbox(this IServiceCollection services)
    {
        services.AddOptions<TaskInboxOptions>()
            .Configure<IConfiguration>((o, configuration) =>
                o.FalseAlarmsTable = configuration[HandlerSettings.FalseAlarmsTable] ?? o.FalseAlarmsTable)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var table = sp.GetRequiredService<IOptions<TaskInboxOptions>>().Value.FalseAlarmsTable;
            var client = sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(table);
            return new FalseAlarmStore(client, sp.GetRequiredService<AlertStore>());
        });
        services.AddSingleton<InboxPage>();
        services.AddSingleton<IFunctionHandler, TaskListFunction>();
        services.AddSingleton<IFunctionHandler, TaskGetFunction>();
        services.AddSingleton<IFunctionHandler, TaskAcknowledgeFunction>();
        services.AddSingleton<IFunctionHandler, TaskResolveFunction>();
        services.AddSingleton<IFunctionHandler, TaskCommentFunction>();
        services.AddSingleton<IFunctionHandler, TaskReassignFunction>();
        services.AddSingleton<IFunctionHandler, TaskFalseAlarmFunction>();
        services.AddSingleton<IFunctionHandler, NotificationsFunction>();
        services.AddSingleton<IFunctionHandler, InboxFunction>();
        return services;
    }
}

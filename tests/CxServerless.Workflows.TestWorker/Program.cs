using System.Globalization;
using CxServerless.Workflows.Hosting;
using CxServerless.Workflows.TestWorker;
using DurableTask.AzureStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: CxServerless.Workflows.TestWorker <connection string> <task hub> <records table> <partitions> <visibility seconds>
// Hosts the step workflows on the task hub with AddCxWorkflows, prints "ready" once the worker runs, and stops
// gracefully (draining work in hand, releasing its partition leases) when stdin closes. A visibility of 0 keeps the
// default queue visibility timeouts (5 min); another value sets Workflows__ControlQueueVisibilityTimeout and
// Workflows__WorkItemQueueVisibilityTimeout, so what a killed worker held comes back sooner.
if (args.Length != 5)
{
    await Console.Error.WriteLineAsync(
        "usage: CxServerless.Workflows.TestWorker <connection string> <task hub> <records table> <partitions> <visibility seconds>");
    return 2;
}

var (connectionString, taskHub, recordsTable) = (args[0], args[1], args[2]);
var partitions = int.Parse(args[3], CultureInfo.InvariantCulture);
var visibility = TimeSpan.FromSeconds(int.Parse(args[4], CultureInfo.InvariantCulture));

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
builder.Services.AddStepRecords(connectionString, recordsTable);
builder.Services.AddCxWorkflows(_ => new StorageAccountClientProvider(connectionString), r => StepWorkflows.Register(r)).Configure(o =>
{
    o.TaskHub = taskHub;
    o.PartitionCount = partitions;
    o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500);
    o.DrainTimeout = TimeSpan.FromSeconds(5);
    if (visibility > TimeSpan.Zero)
    {
        o.ControlQueueVisibilityTimeout = visibility;
        o.WorkItemQueueVisibilityTimeout = visibility;
    }
});

using var host = builder.Build();
await host.Services.GetRequiredService<StepRecordTable>().CreateIfNotExistsAsync();
await host.StartAsync();
await host.Services.GetRequiredService<WorkflowHost>().Started;
Console.WriteLine("ready");
await Console.In.ReadToEndAsync();
await host.StopAsync();
return 0;

using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CxServerless.Durable.Registration;
using CxServerless.Durable.Storage;
using CxServerless.Durable.TestWorker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: CxServerless.Durable.TestWorker <storage connection string> <task hub> <control partitions>
// Runs the in-process worker for the test workflows until stdin closes, then stops cleanly.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: CxServerless.Durable.TestWorker <connection string> <task hub> <control partitions>");
    return 2;
}

var services = new ServiceCollection();
services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
services.AddSingleton(new DurableStorageAccount(
    new TableServiceClient(args[0]),
    new QueueServiceClient(args[0], new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }),
    new BlobServiceClient(args[0])));
services.AddDurableEngine(o =>
{
    o.TaskHub = args[1];
    o.ControlPartitions = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
});
services.AddWorkflowWorker(o =>
{
    o.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
    o.VisibilityTimeout = TimeSpan.FromSeconds(20);
});
StepWorkflows.Register(services);

await using var provider = services.BuildServiceProvider();
var hosted = provider.GetServices<IHostedService>().ToList();
foreach (var service in hosted)
{
    await service.StartAsync(CancellationToken.None);
}

Console.WriteLine("ready");
await Console.In.ReadToEndAsync();
foreach (var service in hosted)
{
    await service.StopAsync(CancellationToken.None);
}

return 0;

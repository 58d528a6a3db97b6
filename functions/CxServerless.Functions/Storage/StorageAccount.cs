using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;

namespace CxServerless.Functions.Storage;

/// <summary>
/// The app's storage account (<c>AzureWebJobsStorage</c>): a connection string locally (Azurite), or identity-based
/// settings in Azure (<c>AzureWebJobsStorage__accountName</c>, or the <c>__blobServiceUri</c>, <c>__queueServiceUri</c>
/// and <c>__tableServiceUri</c> triple), exactly as the Functions host reads them.
/// </summary>
public sealed class StorageAccount
{
    /// <summary>The setting prefix the host and the handler share.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    private StorageAccount(
        TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs, Func<StorageAccountClientProvider> taskHub)
    {
        Tables = tables;
        Queues = queues;
        Blobs = blobs;
        _taskHub = taskHub;
    }

    private readonly Func<StorageAccountClientProvider> _taskHub;

    /// <summary>The table service.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>The queue service.</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>The blob service.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>The same account for the Durable Task Framework's Azure Storage provider, with the same credentials.</summary>
    public StorageAccountClientProvider TaskHubClients() => _taskHub();

    /// <summary>Builds the clients from a connection string (Azurite or a development account).</summary>
    public static StorageAccount FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageAccount(
            new TableServiceClient(connectionString),
            new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }),
            new BlobServiceClient(connectionString),
            () => new StorageAccountClientProvider(connectionString));
    }

    /// <summary>Builds the clients from configuration, naming the missing setting when there is none.</summary>
    /// <exception cref="InvalidOperationException">Neither a connection string nor identity-based settings are configured.</exception>
    public static StorageAccount FromConfiguration(IConfiguration configuration, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString);
        }

        var section = configuration.GetSection(SettingName);
        var accountName = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (accountName is null ? null : $"https://{accountName}.table.core.windows.net");
        var queueUri = section["queueServiceUri"] ?? (accountName is null ? null : $"https://{accountName}.queue.core.windows.net");
        var blobUri = section["blobServiceUri"] ?? (accountName is null ? null : $"https://{accountName}.blob.core.windows.net");
        if (tableUri is null || queueUri is null || blobUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured. Set '{SettingName}' to a connection string (local), or " +
                $"'{SettingName}__accountName' (Azure, identity-based).");
        }

        credential ??= new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        return new StorageAccount(
            new TableServiceClient(new Uri(tableUri), credential),
            new QueueServiceClient(new Uri(queueUri), credential, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }),
            new BlobServiceClient(new Uri(blobUri), credential),
            () => new StorageAccountClientProvider(new Uri(blobUri), new Uri(queueUri), new Uri(tableUri), credential));
    }
}

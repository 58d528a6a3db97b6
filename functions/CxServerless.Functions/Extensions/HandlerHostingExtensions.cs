using CxServerless.Functions.Audit;
using CxServerless.Functions.Configuration;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Functions.Storage;

namespace CxServerless.Functions.Extensions;

/// <summary>Wires the custom-handler host: the listening port, the function catalog and shared services.</summary>
public static class HandlerHostingExtensions
{
    /// <summary>The environment variable the Functions host sets to the port the handler must listen on.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Listens on <c>127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT</c> and registers the protocol services.</summary>
    public static WebApplicationBuilder AddCustomHandlerHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var portText = builder.Configuration[PortVariable];
        var port = 0;
        if (!string.IsNullOrEmpty(portText) &&
            (!int.TryParse(portText, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new InvalidOperationException($"{PortVariable} must be a TCP port number (1-65535); it is '{portText}'.");
        }

        // The host logs every invocation itself; per-request framework logs would only repeat it.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The Durable Task Framework logs every work item and lease renewal at Information; its warnings and errors stay.
        builder.Logging.AddFilter("DurableTask.Core", LogLevel.Warning);
        builder.Logging.AddFilter("DurableTask.AzureStorage", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = InvocationRequest.MaxEnvelopeBytes;
            if (port != 0)
            {
                kestrel.Listen(System.Net.IPAddress.Loopback, port);
            }
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<SecurityOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                options.DevelopmentIdentities = ReadFlag(configuration, HandlerSettings.DevelopmentIdentities))
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SecurityOptions>, SecurityOptionsValidation>();
        var auditTable = ReadTableName(builder.Configuration, HandlerSettings.AuditTable, AuditLog.TableName);
        builder.Services.AddSingleton(sp => new AuditLog(
            sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(auditTable), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<HttpFunctionServices>();
        builder.Services.AddSingleton(sp => StorageAccount.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(sp => new FunctionCatalog(
            FunctionCatalog.LocateAppRoot(builder.Configuration["AzureWebJobsScriptRoot"], Directory.GetCurrentDirectory()),
            sp.GetServices<IFunctionHandler>()));
        return builder;
    }

    /// <summary>Reads an optional table name setting; a name Azure Tables would refuse stops start-up with a message naming it.</summary>
    internal static string ReadTableName(IConfiguration configuration, string name, string defaultName)
    {
        var text = configuration[name];
        if (string.IsNullOrEmpty(text))
        {
            return defaultName;
        }

        return text.Length is >= 3 and <= 63 && char.IsAsciiLetter(text[0]) && text.All(char.IsAsciiLetterOrDigit)
            ? text
            : throw new InvalidOperationException($"Setting '{name}' must be a valid table name; it is '{text}'.");
    }

    /// <summary>Reads an optional boolean setting; anything but true/false stops start-up with a message naming it.</summary>
    internal static bool ReadFlag(IConfiguration configuration, string name)
    {
        var text = configuration[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new InvalidOperationException($"Setting '{name}' must be 'true' or 'false'; it is '{text}'.");
    }
}

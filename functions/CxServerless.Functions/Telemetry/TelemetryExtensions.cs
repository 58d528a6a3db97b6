using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using CxServerless.Functions.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CxServerless.Functions.Telemetry;

/// <summary>Wires OpenTelemetry traces and metrics: Azure Monitor in Azure, the console locally when asked.</summary>
public static class TelemetryExtensions
{
    /// <summary>Setting: Application Insights connection string (set by Bicep in Azure).</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Setting: <c>Authorization=AAD</c> makes the exporter authenticate with the app's managed identity (local auth off).
    /// </summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Setting: <c>true</c> prints spans and metrics to the console (local development).</summary>
    public const string ConsoleSetting = "CxTelemetryConsole";

    /// <summary>
    /// Adds the exporters the configuration asks for; with none configured, telemetry is collected by nobody and costs nothing.
    /// </summary>
    public static WebApplicationBuilder AddCxTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration[ConnectionStringSetting];
        var console = HandlerHostingExtensions.ReadFlag(builder.Configuration, ConsoleSetting);
        if (string.IsNullOrWhiteSpace(connectionString) && !console)
        {
            return builder;
        }

        var useEntra = builder.Configuration[AuthenticationSetting]
            ?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) == true;
        void ConfigureAzureMonitor(AzureMonitorExporterOptions options)
        {
            options.ConnectionString = connectionString;
            if (useEntra)
            {
                options.Credential = new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
            }
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("cxserverless-handler"))
            .WithTracing(tracing =>
            {
                tracing.AddSource($"{CxTelemetry.Prefix}.*");
                if (!string.IsNullOrWhiteSpace(connectionString))
                {
                    tracing.AddAzureMonitorTraceExporter(ConfigureAzureMonitor);
                }

                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter($"{CxTelemetry.Prefix}.*");
                if (!string.IsNullOrWhiteSpace(connectionString))
                {
                    metrics.AddAzureMonitorMetricExporter(ConfigureAzureMonitor);
                }

                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            });
        return builder;
    }

    /// <summary>Records <see cref="CxTelemetry.StartDuration"/> once the handler listens: each record is one process start.</summary>
    public static WebApplication RecordHandlerStart(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            CxTelemetry.StartDuration.Record(Math.Max(0, (DateTime.Now - process.StartTime).TotalSeconds));
        });
        return app;
    }
}

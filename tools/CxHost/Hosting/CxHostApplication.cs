using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CxHost.Configuration;
using CxHost.EventHubs;
using CxHost.Handler;
using CxHost.Http;
using CxHost.Queues;
using CxHost.Simulator;
using CxHost.Storage;
using CxHost.Timers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CxHost.Hosting;

/// <summary>
/// One running cx-host: storage (Azurite started if needed), one or more instances (each a custom handler process with
/// its own trigger listeners, <see cref="HostInstance"/>) and the HTTP front end (HTTP functions, spread over the
/// instances, and the Event Hubs send API). Tests construct it with options; <c>Program</c> runs it until Ctrl+C.
/// Disposing stops everything it started.
/// </summary>
public sealed class CxHostApplication : IAsyncDisposable
{
    private readonly CxHostOptions _options;
    private readonly ILoggerFactory _loggers;
    private AzuriteLauncher? _azurite;
    private HostInstances? _instances;
    private SimulatorProcess? _simulator;
    private WebApplication? _web;

    /// <summary>Creates a host; nothing starts until <see cref="StartAsync"/>.</summary>
    public CxHostApplication(CxHostOptions options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _options = options;
        _loggers = loggers ?? LoggerFactory.Create(b => b
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
            .AddFilter("Microsoft", LogLevel.Warning));
    }

    /// <summary>The address cx-host serves on, e.g. <c>http://127.0.0.1:7071/</c>; set once started.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The app as read at start.</summary>
    public FunctionAppDefinition? App { get; private set; }

    /// <summary>The first instance's handler, once started (the only one without <c>--instances</c>).</summary>
    public HandlerProcess Handler => Instances[0].Handler;

    /// <summary>The instances, by index, once started.</summary>
    public IReadOnlyList<HostInstance> Instances => _instances?.All ?? throw new InvalidOperationException("cx-host is not started.");

    /// <summary>Kills instance <paramref name="index"/> abruptly (<see cref="HostInstance.KillAsync"/>); the others carry on.</summary>
    public Task KillInstanceAsync(int index) => Instances[index].KillAsync();

    /// <summary>Reads the app, makes sure storage answers, starts the handler, then the listeners and the HTTP front end.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = AppSettings.Load(_options.AppRoot, _options.ExtraSettings);
        var app = FunctionAppDefinition.Load(_options.AppRoot, settings);
        App = app;
        var connections = new StorageConnections(settings, _options.Storage);
        _azurite = new AzuriteLauncher(_loggers.CreateLogger<AzuriteLauncher>());
        await _azurite.EnsureRunningAsync(connections.Host, _options.AppRoot, cancellationToken);

        var environment = new Dictionary<string, string>(connections.HandlerEnvironment(), StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsScriptRoot"] = _options.AppRoot,
        };
        var command = HandlerCommand.Resolve(
            _options.AppRoot, app.Host.ExecutablePath, app.Host.WorkingDirectory, app.Host.Arguments, _options.HandlerOverride);
        var outputs = new QueueOutputWriter(connections, app.Host.Queues);
        _instances = new HostInstances([.. Enumerable.Range(0, _options.ScaleOut.Instances).Select(i =>
        {
            var handler = new HandlerProcess(command, environment, _loggers.CreateLogger<HandlerProcess>());
            var invoker = new FunctionInvoker(handler, app.Host.FunctionTimeout, outputs, _loggers.CreateLogger<FunctionInvoker>());
            return new HostInstance(new InstanceIdentity(i), handler, invoker);
        })]);
        await Task.WhenAll(_instances.All.Select(i => i.StartHandlerAsync(cancellationToken)));

        _web = BuildWeb(app, connections);
        await _web.StartAsync(cancellationToken);
        foreach (var instance in _instances.All)
        {
            await instance.StartListenersAsync(_web.Services, cancellationToken);
        }

        var address = _web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");

        if (_options.Simulator)
        {
            StartSimulator(app, settings);
        }

        new StartupBanner(_loggers.CreateLogger<StartupBanner>()).Print(BaseAddress, app, connections.Host, _azurite.Started);
    }

    /// <summary>
    /// Completes when the host is asked to stop: Ctrl+C or SIGTERM (handled by the web host's console lifetime), or
    /// <paramref name="cancellationToken"/>.
    /// </summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) =>
        (_web ?? throw new InvalidOperationException("cx-host is not started.")).WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        if (_web is not null)
        {
            await _web.StopAsync(TimeSpan.FromSeconds(10));
            await _web.DisposeAsync();
        }

        if (_instances is not null)
        {
            await Task.WhenAll(_instances.All.Select(i => i.DisposeAsync().AsTask()));
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private WebApplication BuildWeb(FunctionAppDefinition app, StorageConnections connections)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Host.UseConsoleLifetime(o => o.SuppressStatusMessages = true);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseUrls($"http://127.0.0.1:{_options.Port}");
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(_options);
        builder.Services.AddSingleton(app);
        builder.Services.AddSingleton(connections);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_instances!);
        builder.Services.AddSingleton(sp => new EventLog(
            new TableServiceClient(connections.Host), sp.GetRequiredService<TimeProvider>(), _options.EventHubPartitions));
        builder.Services.AddSingleton(_ => new CheckpointStore(new BlobServiceClient(connections.Host)));
        builder.Services.AddSingleton(_ => new OwnershipStore(new BlobServiceClient(connections.Host)));
        builder.Services.AddSingleton(_ => new TimerStatusStore(new BlobServiceClient(connections.Host), HostId(app.AppRoot)));
        builder.Services.AddSingleton<HttpTriggerEndpoint>();

        var web = builder.Build();
        var prefix = app.Host.RoutePrefix.Trim('/');
        web.MapGet("/", () => Results.Redirect($"/{prefix}/dashboard".Replace("//", "/", StringComparison.Ordinal)));
        web.MapEventHubSend();
        var http = web.Services.GetRequiredService<HttpTriggerEndpoint>();
        web.Map(
            prefix.Length == 0 ? "/{**path}" : $"/{prefix}/{{**path}}",
            (HttpContext context, string? path) => http.HandleAsync(context, path ?? string.Empty));
        return web;
    }

    private void StartSimulator(FunctionAppDefinition app, AppSettings settings)
    {
        var hub = settings.Get("CxEventHubName")
            ?? app.WithTrigger("eventHubTrigger").Select(f => EventHubBinding.For(f, settings).Hub).FirstOrDefault()
            ?? "cx-events";
        var root = RepositoryRoot(app.AppRoot);
        _simulator = new SimulatorProcess(_loggers.CreateLogger<SimulatorProcess>());
        _simulator.Start(SimulatorProcess.AssemblyPath(root), BaseAddress, hub);
    }

    /// <summary>The host id used in storage paths: the app folder's parent folder name, lower case, as a stable local id.</summary>
    internal static string HostId(string appRoot)
    {
        var name = new DirectoryInfo(appRoot).Parent?.Name ?? "cxhost";
        var clean = new string([.. name.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]);
        return clean.Length == 0 ? "cxhost" : clean[..Math.Min(clean.Length, 32)];
    }

    private static string RepositoryRoot(string appRoot)
    {
        foreach (var start in new[] { appRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CxServerless.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Path.GetDirectoryName(appRoot) ?? appRoot;
    }
}

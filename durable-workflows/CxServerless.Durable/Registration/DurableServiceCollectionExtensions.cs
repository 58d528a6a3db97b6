using System.Reflection;
using System.Text.Json;
using CxServerless.Durable.Client;
using CxServerless.Durable.Engine;
using CxServerless.Durable.Orchestration;
using CxServerless.Durable.Storage;
using CxServerless.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CxServerless.Durable.Registration;

/// <summary>Registers the engine, its client, the optional in-process worker, orchestrators and activities.</summary>
public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="WorkflowClient"/> and <see cref="WorkflowEngine"/>. A <see cref="DurableStorageAccount"/> must be
    /// registered too. Options are validated at start-up.
    /// </summary>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services, Action<DurableOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DurableOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableOptions>, DurableOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkflowRegistry>();
        services.TryAddSingleton(sp => new WorkflowBackend(sp.GetRequiredService<DurableStorageAccount>(), sp.GetRequiredService<IOptions<DurableOptions>>().Value));
        services.TryAddSingleton(sp => new WorkflowEngine(
            sp.GetRequiredService<WorkflowBackend>(),
            sp.GetRequiredService<WorkflowRegistry>(),
            sp,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetService<IEngineFaults>() ?? NoEngineFaults.Instance));
        services.TryAddSingleton(sp => new WorkflowClient(sp.GetRequiredService<WorkflowBackend>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Adds the in-process worker that polls the task hub's queues (tests, benchmarks, standalone hosts).</summary>
    public static IServiceCollection AddWorkflowWorker(this IServiceCollection services, Action<WorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WorkerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.Validate() is null, "Workflow worker options are invalid.").ValidateOnStart();
        services.AddHostedService<WorkflowWorker>();
        return services;
    }

    /// <summary>Registers orchestrator class <typeparamref name="TOrchestrator"/> (an <see cref="IOrchestrator{TInput,TOutput}"/>) under <paramref name="name"/> (default: the class name).</summary>
    public static IServiceCollection AddOrchestrator<TOrchestrator>(this IServiceCollection services, string? name = null)
        where TOrchestrator : class
    {
        ArgumentNullException.ThrowIfNull(services);
        var (input, output) = GenericArguments(typeof(TOrchestrator), typeof(IOrchestrator<,>));
        var method = typeof(DurableServiceCollectionExtensions).GetMethod(nameof(RunOrchestratorAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(typeof(TOrchestrator), input, output);
        var run = method.CreateDelegate<Func<IServiceProvider, OrchestrationContext, string?, JsonSerializerOptions, Task<string?>>>();
        services.AddSingleton(new OrchestratorRegistration(name ?? typeof(TOrchestrator).Name, run));
        return services;
    }

    /// <summary>Registers an orchestrator written as a function.</summary>
    public static IServiceCollection AddOrchestrator<TInput, TOutput>(this IServiceCollection services, string name, Func<OrchestrationContext, TInput, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        services.AddSingleton(new OrchestratorRegistration(name, async (_, context, input, json) =>
            Serialize(await run(context, Deserialize<TInput>(input, json)), json)));
        return services;
    }

    /// <summary>Registers activity class <typeparamref name="TActivity"/> (an <see cref="IActivity{TInput,TOutput}"/>), resolved per call from a DI scope.</summary>
    public static IServiceCollection AddActivity<TActivity>(this IServiceCollection services, string? name = null)
        where TActivity : class
    {
        ArgumentNullException.ThrowIfNull(services);
        var (input, output) = GenericArguments(typeof(TActivity), typeof(IActivity<,>));
        var method = typeof(DurableServiceCollectionExtensions).GetMethod(nameof(RunActivityAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(typeof(TActivity), input, output);
        var run = method.CreateDelegate<Func<IServiceProvider, string?, JsonSerializerOptions, CancellationToken, Task<string?>>>();
        services.TryAddTransient<TActivity>();
        services.AddSingleton(new ActivityRegistration(name ?? typeof(TActivity).Name, run));
        return services;
    }

    /// <summary>Registers an activity written as a function.</summary>
    public static IServiceCollection AddActivity<TInput, TOutput>(this IServiceCollection services, string name, Func<TInput, CancellationToken, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        services.AddSingleton(new ActivityRegistration(name, async (_, input, json, ct) =>
            Serialize(await run(Deserialize<TInput>(input, json), ct), json)));
        return services;
    }

    private static async Task<string?> RunOrchestratorAsync<TOrchestrator, TInput, TOutput>(IServiceProvider services, OrchestrationContext context, string? input, JsonSerializerOptions json)
        where TOrchestrator : IOrchestrator<TInput, TOutput>
    {
        var orchestrator = ActivatorUtilities.GetServiceOrCreateInstance<TOrchestrator>(services);
        return Serialize(await orchestrator.RunAsync(context, Deserialize<TInput>(input, json)), json);
    }

    private static async Task<string?> RunActivityAsync<TActivity, TInput, TOutput>(IServiceProvider services, string? input, JsonSerializerOptions json, CancellationToken cancellationToken)
        where TActivity : IActivity<TInput, TOutput>
    {
        var activity = services.GetRequiredService<TActivity>();
        return Serialize(await activity.RunAsync(Deserialize<TInput>(input, json), cancellationToken), json);
    }

    private static (Type Input, Type Output) GenericArguments(Type type, Type openInterface)
    {
        var found = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface)
            ?? throw new ArgumentException($"{type.Name} does not implement {openInterface.Name}.", nameof(type));
        var args = found.GetGenericArguments();
        return (args[0], args[1]);
    }

    private static T Deserialize<T>(string? json, JsonSerializerOptions options) => json is null ? default! : JsonSerializer.Deserialize<T>(json, options)!;

    private static string? Serialize<T>(T value, JsonSerializerOptions options) => value is null ? null : JsonSerializer.Serialize(value, options);
}

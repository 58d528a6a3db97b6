using System.Reflection;
using Microsoft.DurableTask;

namespace CxServerless.Workflows.Hosting;

/// <summary>
/// The orchestrators and activities the hosted worker runs, by task name. A name comes from the class's
/// <see cref="DurableTaskAttribute"/> when it has one, else from the class name, as in the Durable Task SDK.
/// </summary>
/// <remarks>
/// Orchestrators are created anew for every episode (the framework replays them from history), so they have
/// parameterless constructors and no services. Activities are created per execution through dependency injection,
/// so they can take the services they need (tables, clients, the clock).
/// </remarks>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, Func<ITaskOrchestrator>> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.Ordinal);

    /// <summary>Gets the registered orchestrators, by name.</summary>
    public IReadOnlyDictionary<string, Func<ITaskOrchestrator>> Orchestrators => _orchestrators;

    /// <summary>Gets the registered activity types, by name.</summary>
    public IReadOnlyDictionary<string, Type> Activities => _activities;

    /// <summary>Registers an orchestrator under its task name.</summary>
    /// <typeparam name="TOrchestrator">The orchestrator class.</typeparam>
    /// <returns>This registry.</returns>
    /// <exception cref="InvalidOperationException">Another orchestrator has the same name.</exception>
    public WorkflowRegistry AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator, new()
    {
        Add(_orchestrators, NameOf(typeof(TOrchestrator)), () => new TOrchestrator(), "orchestrator");
        return this;
    }

    /// <summary>Registers an activity under its task name.</summary>
    /// <typeparam name="TActivity">The activity class.</typeparam>
    /// <returns>This registry.</returns>
    /// <exception cref="InvalidOperationException">Another activity has the same name.</exception>
    public WorkflowRegistry AddActivity<TActivity>()
        where TActivity : class, ITaskActivity
    {
        Add(_activities, NameOf(typeof(TActivity)), typeof(TActivity), "activity");
        return this;
    }

    /// <summary>Returns the task name of an orchestrator or activity class.</summary>
    /// <param name="type">The class.</param>
    /// <returns>The name in its <see cref="DurableTaskAttribute"/>, else the class name.</returns>
    public static string NameOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var attribute = type.GetCustomAttribute<DurableTaskAttribute>();
        return attribute?.Name.Name is { Length: > 0 } name ? name : type.Name;
    }

    private static void Add<T>(Dictionary<string, T> map, string name, T value, string kind)
    {
        if (!map.TryAdd(name, value))
        {
            throw new InvalidOperationException($"Two {kind} classes are named '{name}'; task names must be unique.");
        }
    }
}

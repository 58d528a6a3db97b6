namespace CxServerless.Durable.Registration;

/// <summary>The orchestrators and activities registered in this process, by name (case-sensitive).</summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, OrchestratorRegistration> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityRegistration> _activities = new(StringComparer.Ordinal);

    /// <summary>Builds the registry; two registrations with one name are an error.</summary>
    /// <exception cref="InvalidOperationException">A name is registered twice.</exception>
    public WorkflowRegistry(IEnumerable<OrchestratorRegistration> orchestrators, IEnumerable<ActivityRegistration> activities)
    {
        ArgumentNullException.ThrowIfNull(orchestrators);
        ArgumentNullException.ThrowIfNull(activities);
        foreach (var o in orchestrators)
        {
            if (!_orchestrators.TryAdd(o.Name, o))
            {
                throw new InvalidOperationException($"Orchestrator '{o.Name}' is registered twice.");
            }
        }

        foreach (var a in activities)
        {
            if (!_activities.TryAdd(a.Name, a))
            {
                throw new InvalidOperationException($"Activity '{a.Name}' is registered twice.");
            }
        }
    }

    /// <summary>The orchestrator called <paramref name="name"/>, or null.</summary>
    public OrchestratorRegistration? FindOrchestrator(string name) => _orchestrators.GetValueOrDefault(name);

    /// <summary>The activity called <paramref name="name"/>, or null.</summary>
    public ActivityRegistration? FindActivity(string name) => _activities.GetValueOrDefault(name);
}

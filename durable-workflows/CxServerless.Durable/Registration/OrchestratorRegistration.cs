using System.Text.Json;
using CxServerless.Durable.Orchestration;

namespace CxServerless.Durable.Registration;

/// <summary>A registered orchestrator: its name and how to run it from JSON input to JSON output.</summary>
/// <param name="Name">The name clients start it by.</param>
/// <param name="Run">Creates the orchestrator from the service provider and runs it on a context with JSON input.</param>
public sealed record OrchestratorRegistration(
    string Name,
    Func<IServiceProvider, OrchestrationContext, string?, JsonSerializerOptions, Task<string?>> Run);

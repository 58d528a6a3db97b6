using System.Text.Json;

namespace CxServerless.Durable.Registration;

/// <summary>A registered activity: its name and how to run it from JSON input to JSON output.</summary>
/// <param name="Name">The name orchestrations call it by.</param>
/// <param name="Run">Creates the activity from a scoped service provider and runs it.</param>
public sealed record ActivityRegistration(
    string Name,
    Func<IServiceProvider, string?, JsonSerializerOptions, CancellationToken, Task<string?>> Run);

using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Workflows;

/// <summary>Who may read workflow instances and their history through the admin API.</summary>
public static class WorkflowAdminAccess
{
    /// <summary>The roles allowed to call the workflow admin endpoints.</summary>
    public static IReadOnlyList<string> AllowedRoles { get; } = ["OpsAdmin", "Supervisor", "Auditor"];

    /// <summary>
    /// The single seam where the role check runs: returns a problem response to send instead, or null to proceed. It
    /// becomes a call to the shared authorization helper (x-ms-client-principal roles against <see cref="AllowedRoles"/>).
    /// </summary>
    public static HttpTriggerResponse? Deny(HttpTriggerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return null;
    }
}

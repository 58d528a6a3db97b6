using CxServerless.Functions.Audit;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Security;

/// <summary>What every <see cref="HttpFunction"/> needs, in one constructor parameter.</summary>
public sealed class HttpFunctionServices(
    IOptions<SecurityOptions> security, AuditLog audit, ILogger<HttpFunction> logger, TeamGroupDirectory? teamGroups = null)
{
    /// <summary>Security settings.</summary>
    public SecurityOptions Security { get; } = security.Value;

    /// <summary>The audit trail.</summary>
    public AuditLog Audit { get; } = audit;

    /// <summary>Derives a caller's team from their Entra groups; null where no mapping is wired (unit tests).</summary>
    public TeamGroupDirectory? TeamGroups { get; } = teamGroups;

    /// <summary>The logger for failures.</summary>
    public ILogger Logger { get; } = logger;
}

using CxServerless.Domain.Escalation;

namespace CxServerless.Workflows.Escalation;

/// <summary>Gives the routing file in force. The handler implements it (a file, replaced through the roster API).</summary>
public interface IRosterSource
{
    /// <summary>Returns the roster in force now.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The roster.</returns>
    Task<Roster> GetAsync(CancellationToken cancellationToken);
}

namespace CxServerless.Workflows.Approval;

/// <summary>Carries out a decision on a draft rules version in the rules store (implemented by the handler).</summary>
public interface IRulesDraftDecider
{
    /// <summary>Activates the draft; idempotent (an active draft stays active).</summary>
    /// <param name="draftVersion">The draft.</param>
    /// <param name="by">Who approved it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>activated</c>, or why the draft could not be activated.</returns>
    Task<string> ActivateAsync(string draftVersion, string by, CancellationToken cancellationToken);

    /// <summary>Expires the draft; idempotent (an expired draft stays expired; an active or retired one is left alone).</summary>
    /// <param name="draftVersion">The draft.</param>
    /// <param name="by">Who rejected it, or <c>system</c> on timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>expired</c>, or why the draft was not expired.</returns>
    Task<string> ExpireAsync(string draftVersion, string by, CancellationToken cancellationToken);
}

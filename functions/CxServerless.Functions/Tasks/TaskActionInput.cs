namespace CxServerless.Functions.Tasks;

/// <summary>An action's body once checked and masked of personal data.</summary>
/// <param name="Text">The resolution, reason or comment.</param>
/// <param name="Note">An optional note.</param>
/// <param name="To">The new assignee of a reassignment.</param>
public sealed record TaskActionInput(string? Text = null, string? Note = null, string? To = null);

namespace CxServerless.Functions.Retention;

/// <summary>One legal hold: nothing it covers is deleted by retention while it stands.</summary>
/// <param name="Kind"><see cref="LegalHoldKinds.Customer"/> or <see cref="LegalHoldKinds.Case"/>.</param>
/// <param name="Id">The customer pseudonym or the case id.</param>
/// <param name="Reason">Why it was set (masked of personal data).</param>
/// <param name="SetBy">Who set it (their user id).</param>
/// <param name="SetAt">When.</param>
public sealed record LegalHold(string Kind, string Id, string Reason, string SetBy, DateTimeOffset SetAt);

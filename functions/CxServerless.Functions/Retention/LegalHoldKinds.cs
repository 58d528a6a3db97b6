using System.Text.RegularExpressions;

namespace CxServerless.Functions.Retention;

/// <summary>
/// The two kinds of legal hold: on a customer pseudonym (<c>c-k1-…</c>) or on a case (a conversation, alert or task
/// id). The kind is the hold row's PartitionKey and the id its RowKey.
/// </summary>
public static partial class LegalHoldKinds
{
    /// <summary>A hold on everything stored under one customer pseudonym.</summary>
    public const string Customer = "customer";

    /// <summary>A hold on one case: a conversation id, an alert id or a task id.</summary>
    public const string Case = "case";

    /// <summary>Says what is wrong with a kind and id, or null when both are valid.</summary>
    public static string? Check(string? kind, string? id)
    {
        if (kind is not (Customer or Case))
        {
            return $"kind must be '{Customer}' or '{Case}'.";
        }

        if (string.IsNullOrEmpty(id))
        {
            return "id is missing.";
        }

        return kind == Customer
            ? IsCustomerPseudonym(id) ? null : "A customer hold needs a customer pseudonym: c-{key id}-{32 hex}."
            : CaseIdPattern().IsMatch(id) ? null : "A case id is 1 to 200 letters, digits, '.', '_', ':' or '-'.";
    }

    /// <summary>True for a customer pseudonym as the pipeline makes them: <c>c-{key id}-{32 hex}</c>.</summary>
    public static bool IsCustomerPseudonym(string? id) => id is not null && PseudonymPattern().IsMatch(id);

    [GeneratedRegex("^c-[a-z0-9]{1,16}-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex PseudonymPattern();

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex CaseIdPattern();
}

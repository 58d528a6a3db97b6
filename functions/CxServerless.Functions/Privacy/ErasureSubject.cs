using CxServerless.Domain.Ingestion;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Functions.Retention;

namespace CxServerless.Functions.Privacy;

/// <summary>Turns the identifier an erasure request names into the customer pseudonym the pipeline stores.</summary>
public static class ErasureSubject
{
    /// <summary>The identifier types a request may name.</summary>
    public static IReadOnlyList<string> IdentifierTypes { get; } = ["email", "phone", "account", "customerKey"];

    private const int MaxValueLength = 320;
    private const int MinPhoneDigits = 6;

    /// <summary>The pseudonym, or the reason the body cannot name a customer.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="pseudonymizer">The app's pseudonymizer (its key makes the same pseudonym ingestion made).</param>
    /// <returns>The pseudonym and the identifier type, or a problem detail.</returns>
    public static (string? Pseudonym, string? Problem) Resolve(ErasureRequestBody body, Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        var value = body.Value?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > MaxValueLength)
        {
            return (null, $"value is required: the identifier, 1 to {MaxValueLength} characters.");
        }

        switch (body.IdentifierType)
        {
            case "email":
                return value.Contains('@', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal)
                    ? (pseudonymizer.Customer(new CustomerIdentifier(IdentifierKind.Email, value), string.Empty), null)
                    : (null, "value is not an e-mail address.");
            case "phone":
                return Pseudonymizer.NormalisePhone(value).Count(char.IsAsciiDigit) >= MinPhoneDigits
                    ? (pseudonymizer.Customer(new CustomerIdentifier(IdentifierKind.Phone, value), string.Empty), null)
                    : (null, $"value is not a telephone number (at least {MinPhoneDigits} digits).");
            case "account":
                var source = body.SourceSystem?.Trim();
                return string.IsNullOrEmpty(source)
                    ? (null, "sourceSystem is required with an account id: account pseudonyms are per source system.")
                    : (pseudonymizer.Customer(new CustomerIdentifier(IdentifierKind.Account, value), source), null);
            case "customerKey":
                return LegalHoldKinds.IsCustomerPseudonym(value)
                    ? (value, null)
                    : (null, "value is not a customer pseudonym: c-{key id}-{32 hex}.");
            default:
                return (null, $"identifierType must be one of {string.Join(", ", IdentifierTypes)}.");
        }
    }
}

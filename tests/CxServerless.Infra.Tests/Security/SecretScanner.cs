using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CxServerless.Infra.Tests.Bicep;

namespace CxServerless.Infra.Tests.Security;

/// <summary>
/// Finds credentials in a compiled template: list* functions (listKeys, listConnectionStrings, listAccountSas, ...),
/// connection strings with keys, SAS tokens, and secure parameters flowing into app settings.
/// </summary>
internal static partial class SecretScanner
{
    /// <summary>App settings whose names suggest a secret but whose values are not: each with the only source allowed.</summary>
    public static IReadOnlyDictionary<string, string> AllowedSecretLikeSettings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        // The instrumentation key inside is an identifier; the component has local auth off, so ingestion needs an Entra token.
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "reference(resourceId('Microsoft.Insights/components'",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Authorization=AAD",

        // The pseudonym key's id (k1, k2...) labels pseudonyms; it is not key material.
        ["CxPseudonymKeyId"] = "parameters('pseudonymKeyId')",
    };

    /// <summary>Findings anywhere in the template: list* calls in expressions and credential-shaped literals.</summary>
    public static IReadOnlyList<string> ScanTemplate(JsonNode template)
    {
        var findings = new List<string>();
        foreach (var (path, text) in Strings(template, "$"))
        {
            findings.AddRange(ScanValue(text, IsExpression(text)).Select(problem => $"{path}: {problem}"));
        }

        return findings;
    }

    /// <summary>Findings in the app settings of a compiled template (values expanded to their sources).</summary>
    public static IReadOnlyList<string> ScanAppSettings(CompiledTemplate template)
    {
        var secureParameters = SecureParameters(template.Root);
        var findings = new List<string>();
        foreach (var (name, value) in template.AppSettings())
        {
            findings.AddRange(ScanValue(value, isExpression: true).Select(problem => $"app setting {name}: {problem}"));
            findings.AddRange(secureParameters
                .Where(parameter => value.Contains($"parameters('{parameter}')", StringComparison.Ordinal))
                .Select(parameter => $"app setting {name}: takes the secure parameter '{parameter}' directly; store it in Key Vault and use a Key Vault reference"));
            if (LooksSecret(name) && !IsKeyVaultReference(value) && !IsAllowed(name, value))
            {
                findings.Add($"app setting {name}: its name suggests a secret, but its value is not a Key Vault reference ({value})");
            }
        }

        return findings;
    }

    /// <summary>True when an app setting value is a Key Vault reference.</summary>
    public static bool IsKeyVaultReference(string value) => value.Contains("@Microsoft.KeyVault(SecretUri=", StringComparison.Ordinal);

    private static IEnumerable<string> ScanValue(string text, bool isExpression)
    {
        if (isExpression && ListFunction().Match(text) is { Success: true } list)
        {
            yield return $"calls {list.Value.TrimEnd('(')}(), which returns keys or tokens";
        }

        foreach (var pattern in CredentialPatterns)
        {
            if (text.Contains(pattern, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"contains '{pattern}'";
            }
        }

        if (SasSignature().IsMatch(text))
        {
            yield return "contains a SAS token (sv=...&sig=...)";
        }
    }

    private static readonly string[] CredentialPatterns =
    [
        "AccountKey=",
        "SharedAccessKey=",
        "SharedAccessSignature=",
        "DefaultEndpointsProtocol=",
        "Password=",
        "ClientSecret=",
        "-----BEGIN",
    ];

    // ARM evaluates a string as an expression when it starts with '[' (and '[[' escapes a literal bracket).
    private static bool IsExpression(string text) => text.StartsWith('[') && !text.StartsWith("[[", StringComparison.Ordinal);

    private static bool LooksSecret(string name) =>
        SecretName().IsMatch(name) && !name.EndsWith("__credential", StringComparison.OrdinalIgnoreCase);

    private static bool IsAllowed(string name, string value) =>
        AllowedSecretLikeSettings.TryGetValue(name, out var source) && value.Contains(source, StringComparison.Ordinal);

    private static HashSet<string> SecureParameters(JsonObject root) =>
        root["parameters"] is JsonObject parameters
            ? [.. parameters.Where(p => p.Value?["type"]?.ToString().StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true).Select(p => p.Key)]
            : [];

    private static IEnumerable<(string Path, string Text)> Strings(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    foreach (var item in Strings(child, $"{path}.{key}"))
                    {
                        yield return item;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var item in Strings(array[i], $"{path}[{i}]"))
                    {
                        yield return item;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return (path, text);
                break;
            default:
                break;
        }
    }

    [GeneratedRegex(@"\blist[A-Za-z]*\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunction();

    [GeneratedRegex(@"sv=\d{4}-\d{2}-\d{2}.*sig=", RegexOptions.IgnoreCase)]
    private static partial Regex SasSignature();

    [GeneratedRegex(@"(key|secret|password|connectionstring|connection_string|sas|token)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>
/// The default rules file, <c>functions/rules/cx-rules.v1.json</c>, embedded in this assembly so that it is always
/// present and the tests validate exactly what ships. A deployment may point at another file instead.
/// </summary>
public static class DefaultRules
{
    /// <summary>The resource name of the embedded file.</summary>
    public const string ResourceName = "CxServerless.Domain.Analytics.Rules.cx-rules.v1.json";

    private static readonly Lazy<string> Text = new(ReadResource);

    /// <summary>The JSON text of the default rules file.</summary>
    public static string Json => Text.Value;

    /// <summary>The default rules, validated; throws <see cref="RulesValidationException"/> if the shipped file is invalid.</summary>
    public static RuleSet Load() => RuleSetParser.ParseOrThrow(Json);

    private static string ReadResource()
    {
        using var stream = typeof(DefaultRules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

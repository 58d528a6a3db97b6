namespace CxServerless.Domain.Interventions;

/// <summary>
/// The default intervention rules, <c>functions/rules/cx-interventions.v1.json</c>, embedded in this assembly so that they
/// are always present and the tests validate exactly what ships. A deployment may point at another file.
/// </summary>
public static class DefaultInterventionRules
{
    /// <summary>The resource name of the embedded file.</summary>
    public const string ResourceName = "CxServerless.Domain.Interventions.cx-interventions.v1.json";

    /// <summary>Gets the JSON text of the default rules.</summary>
    public static string Json { get; } = new StreamReader(
        typeof(DefaultInterventionRules).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.")).ReadToEnd();
}

namespace CxServerless.Domain.Escalation;

/// <summary>
/// The default routing file, <c>functions/rules/cx-roster.v1.json</c>, embedded in this assembly so that it is always
/// present and the tests validate exactly what ships. A deployment may point at another file, or replace it at run time.
/// </summary>
public static class DefaultRoster
{
    /// <summary>The resource name of the embedded file.</summary>
    public const string ResourceName = "CxServerless.Domain.Escalation.cx-roster.v1.json";

    private static readonly Lazy<string> Text = new(ReadResource);

    /// <summary>Gets the JSON text of the default routing file.</summary>
    public static string Json => Text.Value;

    private static string ReadResource()
    {
        using var stream = typeof(DefaultRoster).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

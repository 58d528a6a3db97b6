namespace CxServerless.Functions.Configuration;

/// <summary>One app setting that the Functions host (through a function.json) or the handler reads.</summary>
/// <param name="Name">The setting name, or the prefix of a connection or section.</param>
/// <param name="Shape">Whether it is one value, a connection or an options section.</param>
/// <param name="Scope">Where it must be defined (Bicep, local sample, both or neither).</param>
/// <param name="Description">Who reads it and what it means, for the deploy docs and reviewers.</param>
public sealed record HandlerSetting(string Name, SettingShape Shape, SettingScope Scope, string Description)
{
    /// <summary>
    /// True when the configuration key <paramref name="key"/> is this setting or, for a connection or section, one of its properties.
    /// </summary>
    public bool Matches(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.Equals(key, Name, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return Shape != SettingShape.Value &&
            (key.StartsWith(Name + "__", StringComparison.OrdinalIgnoreCase) ||
             key.StartsWith(Name + ":", StringComparison.OrdinalIgnoreCase));
    }
}

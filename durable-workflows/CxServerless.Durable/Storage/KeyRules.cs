namespace CxServerless.Durable.Storage;

/// <summary>
/// Azure Table key rules, enforced here because Azurite is more lenient: at most 1 KiB, and none of
/// <c>/ \ # ?</c> or control characters (U+0000-U+001F, U+007F-U+009F).
/// </summary>
public static class KeyRules
{
    /// <summary>The longest key, in characters (1 KiB).</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>Returns why <paramref name="key"/> is not a valid table key, or null when it is.</summary>
    public static string? Check(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "must not be empty";
        }

        if (key.Length > MaxKeyLength)
        {
            return $"must be at most {MaxKeyLength} characters";
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || c <= '\u001f' || c is >= '\u007f' and <= '\u009f')
            {
                return "must not contain '/', '\\', '#', '?' or control characters";
            }
        }

        return null;
    }

    /// <summary>Throws when <paramref name="key"/> is not a valid table key.</summary>
    /// <exception cref="ArgumentException">The key breaks a rule.</exception>
    public static void Validate(string? key, string parameterName)
    {
        if (Check(key) is { } problem)
        {
            throw new ArgumentException($"'{parameterName}' is not a valid key: it {problem}.", parameterName);
        }
    }
}

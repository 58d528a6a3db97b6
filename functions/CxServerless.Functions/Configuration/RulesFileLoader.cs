namespace CxServerless.Functions.Configuration;

/// <summary>
/// Loads a versioned rules file when the handler starts: the file a setting names (relative to the app root), else the
/// default shipped embedded. A file named explicitly must exist; an invalid file stops the handler, its path first.
/// </summary>
internal static class RulesFileLoader
{
    /// <summary>Reads and parses the rules file.</summary>
    /// <typeparam name="T">The rules.</typeparam>
    /// <typeparam name="TException">What <paramref name="parse"/> throws for an invalid file.</typeparam>
    /// <param name="configuration">The configuration.</param>
    /// <param name="setting">The setting that names the file (for example <c>CxFeedbackRulesFile</c>).</param>
    /// <param name="file">The file in force (the setting's value or its default), relative to the app root.</param>
    /// <param name="defaultFile">The setting's default value.</param>
    /// <param name="defaultJson">The embedded default rules.</param>
    /// <param name="parse">Parses a file's text, throwing <typeparamref name="TException"/> listing every problem.</param>
    /// <param name="withPath">Makes the exception again with a message that starts with the file's path.</param>
    /// <returns>The rules.</returns>
    public static T Load<T, TException>(
        IConfiguration configuration,
        string setting,
        string file,
        string defaultFile,
        string defaultJson,
        Func<string, T> parse,
        Func<string, TException, TException> withPath)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(withPath);
        var root = configuration[HandlerSettings.ScriptRoot] ?? AppContext.BaseDirectory;
        var path = Path.GetFullPath(Path.Combine(root, file));
        var named = configuration[setting];
        if (!File.Exists(path))
        {
            // As with the alert rules and the roster: a file named explicitly must exist; the default always ships embedded.
            return string.IsNullOrWhiteSpace(named) || string.Equals(named, defaultFile, StringComparison.Ordinal)
                ? parse(defaultJson)
                : throw new FileNotFoundException($"Setting '{setting}' names a file that does not exist: {path}.", path);
        }

        try
        {
            return parse(File.ReadAllText(path));
        }
        catch (TException ex)
        {
            throw withPath($"{path}: {ex.Message}", ex);
        }
    }
}

using System.Diagnostics;

namespace CxHost.Handler;

/// <summary>How to start the custom handler: the executable, or <c>dotnet</c> with a framework-dependent <c>.dll</c>.</summary>
/// <param name="FileName">The program to run.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="WorkingDirectory">Where it runs.</param>
public sealed record HandlerCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    /// <summary>
    /// Resolves the handler from host.json's <c>defaultExecutablePath</c> (relative to <paramref name="appRoot"/>) or an
    /// override. A path ending in <c>.dll</c>, or a missing executable next to an existing <c>.dll</c>, runs with <c>dotnet</c>.
    /// </summary>
    public static HandlerCommand Resolve(
        string appRoot, string executablePath, string workingDirectory, IReadOnlyList<string> arguments, string? handlerOverride)
    {
        var path = handlerOverride ?? Path.GetFullPath(Path.Combine(appRoot, executablePath));
        var directory = string.IsNullOrEmpty(workingDirectory) ? appRoot : Path.GetFullPath(Path.Combine(appRoot, workingDirectory));
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(path))
        {
            return new HandlerCommand("dotnet", [path, .. arguments], directory);
        }

        if (File.Exists(path))
        {
            return new HandlerCommand(path, arguments, directory);
        }

        if (File.Exists(path + ".dll"))
        {
            return new HandlerCommand("dotnet", [path + ".dll", .. arguments], directory);
        }

        throw new InvalidOperationException(
            $"The custom handler '{path}' does not exist. "
            + "Publish it first ('./cx up' publishes it to functions/handler), or pass --handler.");
    }

    /// <summary>A start description with the given environment.</summary>
    public ProcessStartInfo ToStartInfo(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(FileName)
        {
            WorkingDirectory = WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}

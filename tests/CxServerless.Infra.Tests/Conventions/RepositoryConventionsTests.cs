using System.Diagnostics;
using System.Globalization;

namespace CxServerless.Infra.Tests.Conventions;

/// <summary>
/// Conventions of the repository's production files: no line is longer than <c>max_line_length</c> of the
/// <c>[*]</c> section of <c>.editorconfig</c>. The files are the git-tracked ones, so build output and
/// untracked scratch files never count.
/// </summary>
public sealed class RepositoryConventionsTests
{
    /// <summary>The production files checked, as git pathspecs (a <c>*</c> also matches across folders).</summary>
    private static readonly string[] ProductionFiles =
    [
        "functions/*.cs",
        "durable-workflows/*.cs",
        "tools/*.cs",
        "benchmarks/*.cs",
        "*.bicep",
        "functions/CxServerless.Functions/Dashboard/*.js",
        "functions/CxServerless.Functions/Dashboard/*.css",
        "functions/CxServerless.Functions/Dashboard/*.html",
    ];

    [Fact]
    public async Task Production_lines_are_at_most_the_editorconfig_max_line_length()
    {
        var limit = MaxLineLength(File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".editorconfig")));
        var files = (await TrackedFilesAsync(ProductionFiles))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj"))
            .ToList();
        Assert.True(files.Count > 100, $"git ls-files found only {files.Count} production files; the pathspecs are wrong.");

        var tooLong = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, file));
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length > limit)
                {
                    tooLong.Add($"{file}:{i + 1} ({lines[i].Length})");
                }
            }
        }

        Assert.True(
            tooLong.Count == 0,
            $"{tooLong.Count} line(s) longer than max_line_length = {limit} (.editorconfig):{Environment.NewLine}"
            + string.Join(Environment.NewLine, tooLong));
    }

    [Fact]
    public void Editorconfig_max_line_length_is_read_from_the_star_section()
    {
        string[] editorconfig =
        [
            "root = true",
            "",
            "[*]",
            "indent_size = 4",
            "max_line_length = 120",
            "",
            "[*.md]",
            "max_line_length = off",
        ];

        Assert.Equal(120, MaxLineLength(editorconfig));
        Assert.Throws<InvalidOperationException>(() => MaxLineLength(["root = true", "[*.md]", "max_line_length = 80"]));
    }

    /// <summary>The whole-number <c>max_line_length</c> of the <c>[*]</c> section.</summary>
    private static int MaxLineLength(IEnumerable<string> editorconfig)
    {
        var section = string.Empty;
        foreach (var raw in editorconfig)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1].Trim();
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (section == "*" && equals > 0
                && line[..equals].Trim().Equals("max_line_length", StringComparison.OrdinalIgnoreCase))
            {
                var value = line[(equals + 1)..].Trim();
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0
                    ? limit
                    : throw new InvalidOperationException(
                        $".editorconfig: max_line_length = '{value}' in [*] is not a positive whole number.");
            }
        }

        throw new InvalidOperationException(".editorconfig has no max_line_length in its [*] section.");
    }

    /// <summary>The git-tracked files matching <paramref name="pathspecs"/>, relative to the root, with '/' separators.</summary>
    private static async Task<List<string>> TrackedFilesAsync(IEnumerable<string> pathspecs)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ls-files", "-z", "--" }.Concat(pathspecs))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start git.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git ls-files failed ({process.ExitCode}): {await stderr}");
        }

        return [.. stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }
}

using System.Text;
using CxSim.Incidents;

namespace CxSim.Running;

/// <summary>The labels file: one <see cref="IncidentLabel"/> per line, as JSON (JSON lines).</summary>
public static class LabelsFile
{
    /// <summary>Writes (replaces) the labels file.</summary>
    public static async Task WriteAsync(string path, IEnumerable<IncidentLabel> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var text = new StringBuilder();
        foreach (var label in labels)
        {
            text.Append(label.ToJsonLine()).Append('\n');
        }

        await File.WriteAllTextAsync(path, text.ToString(), cancellationToken);
    }

    /// <summary>Reads a labels file.</summary>
    public static async Task<IReadOnlyList<IncidentLabel>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        return [.. lines.Where(l => l.Length > 0).Select(IncidentLabel.FromJsonLine)];
    }
}

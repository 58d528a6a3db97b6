using System.Text.RegularExpressions;

namespace CxServerless.Infra.Tests.Monitoring;

/// <summary>One tile query of the operations workbook (a .kql file), with what it reads.</summary>
internal sealed partial record WorkbookQuery(string File, string Text)
{
    /// <summary>The folder of the tile queries.</summary>
    public static string Folder => Path.Combine(RepositoryPaths.Infra, "modules", "workbook");

    /// <summary>The workbook module.</summary>
    public static string Module => Path.Combine(RepositoryPaths.Infra, "modules", "operationsWorkbook.bicep");

    /// <summary>The table the query starts from (its first line).</summary>
    public string Table => TableName().Match(Text).Groups["table"].Value;

    /// <summary>The metric names it filters AppMetrics on (<c>Name == "x"</c> or <c>Name in ("x", "y")</c>).</summary>
    public IReadOnlyList<string> MetricNames =>
        [.. MetricFilter().Matches(Text).SelectMany(m => Quoted().Matches(m.Groups["names"].Value).Select(q => q.Groups["text"].Value))];

    /// <summary>The dimension keys it reads (<c>Properties.key</c> or <c>Properties["key"]</c>).</summary>
    public IReadOnlyList<string> DimensionKeys => [.. Dimension().Matches(Text).Select(m => m.Groups["key"].Value).Distinct()];

    /// <summary>The storage operations it filters on (<c>OperationName == "x"</c> or <c>in (…)</c>).</summary>
    public IReadOnlyList<string> Operations =>
        [.. OperationFilter().Matches(Text).SelectMany(m => Quoted().Matches(m.Groups["names"].Value).Select(q => q.Groups["text"].Value))];

    /// <summary>Every query the module loads, read from the files it names.</summary>
    public static IReadOnlyList<WorkbookQuery> Loaded() =>
        [.. LoadedFiles().Select(file => new WorkbookQuery(file, System.IO.File.ReadAllText(Path.Combine(Folder, file))))];

    /// <summary>The .kql file names the module loads with loadTextContent.</summary>
    public static IReadOnlyList<string> LoadedFiles() =>
        [.. LoadText().Matches(System.IO.File.ReadAllText(Module)).Select(m => m.Groups["file"].Value)];

    [GeneratedRegex(@"\A\s*(?<table>[A-Za-z_]+)\s*(?:\||$)", RegexOptions.Multiline)]
    private static partial Regex TableName();

    [GeneratedRegex(@"\bName\s*(?:==\s*(?<names>""[^""]*"")|in\s*\((?<names>[^)]*)\))")]
    private static partial Regex MetricFilter();

    [GeneratedRegex(@"\bOperationName\s*(?:==\s*(?<names>""[^""]*"")|in\s*\((?<names>[^)]*)\))")]
    private static partial Regex OperationFilter();

    [GeneratedRegex(@"\bProperties(?:\.(?<key>[A-Za-z_][\w]*)|\[""(?<key>[^""]+)""\])")]
    private static partial Regex Dimension();

    [GeneratedRegex(@"""(?<text>[^""]*)""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"loadTextContent\('workbook/(?<file>[^']+\.kql)'\)")]
    private static partial Regex LoadText();
}

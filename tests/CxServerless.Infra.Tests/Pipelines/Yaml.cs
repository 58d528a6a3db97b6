using YamlDotNet.RepresentationModel;

namespace CxServerless.Infra.Tests.Pipelines;

/// <summary>Navigation over YamlDotNet's representation model: keys stay text (YAML 1.1's <c>on</c> is not a boolean here).</summary>
internal static class Yaml
{
    /// <summary>Parses a file holding one YAML document and returns its root mapping.</summary>
    public static YamlMappingNode LoadMapping(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    /// <summary>The child of <paramref name="node"/> at <paramref name="key"/>, or null.</summary>
    public static YamlNode? Child(this YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    /// <summary>The scalar text of <paramref name="node"/>, or null when it is not a scalar.</summary>
    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>The keys of a mapping, in file order (none for anything else).</summary>
    public static IReadOnlyList<string> Keys(this YamlNode? node) =>
        node is YamlMappingNode mapping ? [.. mapping.Children.Keys.Select(k => k.Text() ?? string.Empty)] : [];

    /// <summary>The items of a sequence (none for anything else).</summary>
    public static IReadOnlyList<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    /// <summary>Every scalar value in the tree under <paramref name="node"/>, mapping keys excluded.</summary>
    public static IEnumerable<string> ScalarValues(this YamlNode? node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? string.Empty],
        YamlSequenceNode sequence => sequence.Children.SelectMany(ScalarValues),
        YamlMappingNode mapping => mapping.Children.Values.SelectMany(ScalarValues),
        _ => [],
    };
}

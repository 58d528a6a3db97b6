using System.Globalization;

namespace CxHost.Http;

/// <summary>
/// An HTTP trigger route template: literal segments (case-insensitive), <c>{name}</c>, optional <c>{name?}</c>, constrained
/// <c>{name:int}</c> (int, long, guid, bool, alpha; other constraints are not checked) and a final catch-all <c>{*name}</c>.
/// </summary>
public sealed class RouteTemplate
{
    private readonly IReadOnlyList<Segment> _segments;

    private RouteTemplate(string text, IReadOnlyList<Segment> segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>How specific the template is: literal segments count most, so <c>items/new</c> wins over <c>items/{id}</c>.</summary>
    public int Specificity => _segments.Sum(s => s.Literal is not null ? 100 : s.CatchAll ? 1 : 10);

    /// <summary>Parses a template (a leading or trailing <c>/</c> is ignored).</summary>
    /// <exception cref="InvalidOperationException">A segment is malformed.</exception>
    public static RouteTemplate Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var segments = template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => ParseSegment(s, template)).ToList();
        return new RouteTemplate(template, segments);
    }

    /// <summary>Matches a request path (below the route prefix); returns the route values, or null when it does not match.</summary>
    public Dictionary<string, string>? Match(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _segments.Count; i++)
        {
            var segment = _segments[i];
            if (segment.CatchAll)
            {
                values[segment.Name!] = string.Join('/', parts.Skip(i));
                return values;
            }

            if (i >= parts.Length)
            {
                return segment.Optional && _segments.Skip(i).All(s => s.Optional || s.CatchAll) ? values : null;
            }

            if (!segment.Accepts(parts[i]))
            {
                return null;
            }

            if (segment.Name is not null)
            {
                values[segment.Name] = parts[i];
            }
        }

        return parts.Length == _segments.Count ? values : null;
    }

    private static Segment ParseSegment(string text, string template)
    {
        if (!text.StartsWith('{'))
        {
            return text.Contains('{', StringComparison.Ordinal) || text.Contains('}', StringComparison.Ordinal)
                ? throw new InvalidOperationException(
                    $"Route '{template}': segment '{text}' mixes text and parameters, which cx-host does not support.")
                : new Segment(text, null, false, false, null);
        }

        if (!text.EndsWith('}'))
        {
            throw new InvalidOperationException($"Route '{template}': segment '{text}' is not closed.");
        }

        var inner = text[1..^1];
        var catchAll = inner.StartsWith('*');
        inner = inner.TrimStart('*');
        var optional = inner.EndsWith('?');
        inner = inner.TrimEnd('?');
        var colon = inner.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? inner : inner[..colon];
        var constraint = colon < 0 ? null : inner[(colon + 1)..];
        return string.IsNullOrWhiteSpace(name)
            ? throw new InvalidOperationException($"Route '{template}': segment '{text}' has no parameter name.")
            : new Segment(null, name, optional, catchAll, constraint);
    }

    private sealed record Segment(string? Literal, string? Name, bool Optional, bool CatchAll, string? Constraint)
    {
        public bool Accepts(string value) => Literal is not null
            ? string.Equals(Literal, value, StringComparison.OrdinalIgnoreCase)
            : Constraint?.ToUpperInvariant() switch
            {
                "INT" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                "LONG" => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                "GUID" => Guid.TryParse(value, out _),
                "BOOL" => bool.TryParse(value, out _),
                "ALPHA" => value.All(char.IsAsciiLetter),
                _ => true,
            };
    }
}

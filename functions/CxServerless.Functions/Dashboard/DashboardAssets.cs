using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace CxServerless.Functions.Dashboard;

/// <summary>
/// The dashboard's and the task inbox's files, embedded in the handler assembly at build time (the pages, their scripts
/// and styles, and uPlot from <c>node_modules/uplot</c>, pinned in package-lock.json). Only the names listed here are
/// ever served, so a request can never reach another file.
/// </summary>
public sealed class DashboardAssets
{
    /// <summary>The page template's resource name.</summary>
    public const string PageResource = "dashboard.html";

    /// <summary>The inbox page template's resource name.</summary>
    public const string InboxPageResource = "inbox.html";

    private const string ResourcePrefix = "Dashboard/";

    private static readonly (string Name, string ContentType)[] Served =
    [
        ("dashboard.js", "text/javascript; charset=utf-8"),
        ("dashboard.css", "text/css; charset=utf-8"),
        ("uPlot.iife.min.js", "text/javascript; charset=utf-8"),
        ("uPlot.min.css", "text/css; charset=utf-8"),
        ("inbox.js", "text/javascript; charset=utf-8"),
        ("inbox.css", "text/css; charset=utf-8"),
        ("escalation.js", "text/javascript; charset=utf-8"),
        ("feedback.js", "text/javascript; charset=utf-8"),
        ("handover.js", "text/javascript; charset=utf-8"),
    ];

    private readonly FrozenDictionary<string, DashboardAsset> _assets;

    /// <summary>Loads every asset from the assembly's embedded resources.</summary>
    /// <exception cref="InvalidOperationException">A resource is missing: the build did not embed it.</exception>
    public DashboardAssets()
    {
        _assets = Served.Select(s => Load(s.Name, s.ContentType)).ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
        PageTemplate = ReadResource(PageResource);
        InboxTemplate = ReadResource(InboxPageResource);
    }

    /// <summary>The page's HTML with its placeholders (see <see cref="DashboardPage"/>).</summary>
    public string PageTemplate { get; }

    /// <summary>The inbox page's HTML with its placeholders (see <see cref="DashboardPage.Fill"/>).</summary>
    public string InboxTemplate { get; }

    /// <summary>Every served asset.</summary>
    public IEnumerable<DashboardAsset> All => _assets.Values;

    /// <summary>Finds an asset by its exact name (case-sensitive); null for anything else.</summary>
    public DashboardAsset? Find(string? name) => name is null ? null : _assets.GetValueOrDefault(name);

    /// <summary>The asset named <paramref name="name"/>, which must be one of the served names.</summary>
    public DashboardAsset Get(string name) =>
        Find(name) ?? throw new ArgumentException($"'{name}' is not a dashboard asset.", nameof(name));

    private static DashboardAsset Load(string name, string contentType)
    {
        var text = ReadResource(name);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new DashboardAsset(name, contentType, text, $"\"{Convert.ToHexStringLower(hash)[..20]}\"");
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException(
                $"The dashboard file '{name}' is not embedded in the handler. Run 'npm ci' at the repository root and rebuild.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

using System.Net;

namespace CxServerless.Functions.Dashboard;

/// <summary>
/// Renders the dashboard's HTML from its template. The page carries no inline script or style: the paths it needs
/// (the API base and the versioned asset URLs) go into <c>data-</c> attributes and <c>src</c>/<c>href</c> values, so the
/// strict <see cref="ContentSecurityPolicy"/> holds.
/// </summary>
public sealed class DashboardPage(DashboardAssets assets)
{
    /// <summary>
    /// The page's Content-Security-Policy: only this origin's scripts, styles and API, no inline code, no plugins, no
    /// framing.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The HTML for a page served at <paramref name="pageUrl"/> (the request URL; its path sets the relative bases).</summary>
    public string Render(string pageUrl)
    {
        var pagePath = PagePath(pageUrl);
        var apiBase = pagePath[..(pagePath.LastIndexOf('/') + 1)];
        return Fill(assets.PageTemplate, assets, apiBase, pagePath + "/assets/");
    }

    /// <summary>
    /// Fills a page template: <c>{{apiBase}}</c>, <c>{{assetBase}}</c> and each <c>{{asset:name}}</c> with the asset's
    /// versioned URL. The dashboard and the task inbox share this and the asset function.
    /// </summary>
    /// <param name="template">The page's HTML with placeholders.</param>
    /// <param name="assets">The embedded assets.</param>
    /// <param name="apiBase">The API's base path, ending in <c>/</c>.</param>
    /// <param name="assetBase">The asset function's base path, ending in <c>/</c>.</param>
    /// <returns>The HTML.</returns>
    public static string Fill(string template, DashboardAssets assets, string apiBase, string assetBase)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(assets);
        var html = template
            .Replace("{{apiBase}}", WebUtility.HtmlEncode(apiBase), StringComparison.Ordinal)
            .Replace("{{assetBase}}", WebUtility.HtmlEncode(assetBase), StringComparison.Ordinal);
        foreach (var asset in assets.All)
        {
            var url = WebUtility.HtmlEncode($"{assetBase}{asset.Name}?v={asset.Version}");
            html = html.Replace($"{{{{asset:{asset.Name}}}}}", url, StringComparison.Ordinal);
        }

        return html;
    }

    /// <summary>The page's path without a trailing slash, e.g. <c>/api/dashboard</c>.</summary>
    internal static string PagePath(string pageUrl)
    {
        var path = Uri.TryCreate(pageUrl, UriKind.Absolute, out var uri) ? uri.AbsolutePath : "/api/dashboard";
        path = path.TrimEnd('/');
        return path.Length == 0 ? "/api/dashboard" : path;
    }
}

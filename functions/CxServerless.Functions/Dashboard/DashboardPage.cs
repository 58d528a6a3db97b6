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
        var assetBase = pagePath + "/assets/";
        var html = assets.PageTemplate
            .Replace("{{apiBase}}", WebUtility.HtmlEncode(apiBase), StringComparison.Ordinal)
            .Replace("{{assetBase}}", WebUtility.HtmlEncode(assetBase), StringComparison.Ordinal);
        foreach (var asset in assets.All)
        {
            html = html.Replace($"{{{{asset:{asset.Name}}}}}", WebUtility.HtmlEncode($"{assetBase}{asset.Name}?v={asset.Version}"), StringComparison.Ordinal);
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

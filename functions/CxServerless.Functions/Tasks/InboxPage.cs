using CxServerless.Functions.Dashboard;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// Renders the task inbox's HTML from its embedded template. Like the dashboard it carries no inline script or style,
/// and its script and style are served by the dashboard's asset function (<c>{api}/dashboard/assets/</c>).
/// </summary>
public sealed class InboxPage(DashboardAssets assets)
{
    /// <summary>The HTML for a page served at <paramref name="pageUrl"/> (the request URL; its path sets the relative bases).</summary>
    /// <param name="pageUrl">The request URL, e.g. <c>http://127.0.0.1:7071/api/inbox?alertId=a1</c>.</param>
    /// <returns>The HTML.</returns>
    public string Render(string pageUrl)
    {
        var path = Uri.TryCreate(pageUrl, UriKind.Absolute, out var uri) ? uri.AbsolutePath.TrimEnd('/') : string.Empty;
        if (path.Length == 0)
        {
            path = "/api/inbox";
        }

        var apiBase = path[..(path.LastIndexOf('/') + 1)];
        return DashboardPage.Fill(assets.InboxTemplate, assets, apiBase, apiBase + "dashboard/assets/");
    }
}

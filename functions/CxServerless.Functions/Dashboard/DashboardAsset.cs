namespace CxServerless.Functions.Dashboard;

/// <summary>One static file of the dashboard, embedded in the handler assembly.</summary>
/// <param name="Name">The file name, as requested at <c>/api/dashboard/assets/{name}</c>.</param>
/// <param name="ContentType">The media type it is served with.</param>
/// <param name="Text">The file's text (every asset is UTF-8 text).</param>
/// <param name="ETag">A strong entity tag derived from the content, quoted.</param>
public sealed record DashboardAsset(string Name, string ContentType, string Text, string ETag)
{
    /// <summary>A short content version for cache-busting query strings (<c>?v=</c>).</summary>
    public string Version => ETag.Trim('"');
}

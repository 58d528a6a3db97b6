using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Dashboard;

/// <summary>
/// <c>GET /api/dashboard/assets/{name}</c> (anonymous): the dashboard's script, style and chart library. Only the
/// embedded files listed in <see cref="DashboardAssets"/> exist; any other name, a path included, is 404. A URL that
/// carries the current content version (<c>?v=</c>, as the page writes it) is cacheable for a year; any other URL must
/// be revalidated with its ETag.
/// </summary>
public sealed class DashboardAssetFunction(HttpFunctionServices services, DashboardAssets assets) : HttpFunction(services)
{
    /// <summary>The <c>Cache-Control</c> of a versioned asset URL.</summary>
    public const string ImmutableCaching = "public, max-age=31536000, immutable";

    /// <summary>The <c>Cache-Control</c> of an asset URL without the current version.</summary>
    public const string RevalidateCaching = "public, no-cache";

    /// <inheritdoc />
    public override string Name => "DashboardAsset";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } = new HashSet<string>();

    /// <inheritdoc />
    protected override Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asset = assets.Find(request.Params.GetValueOrDefault("name"));
        if (asset is null)
        {
            return Task.FromResult(HttpTriggerResponse.Problem(404, "Not found", "There is no dashboard asset with that name."));
        }

        var versioned = string.Equals(request.Query.GetValueOrDefault("v"), asset.Version, StringComparison.Ordinal);
        var response = EntityTags.Matches(request.Header("If-None-Match"), asset.ETag)
            ? new HttpTriggerResponse(304, string.Empty, asset.ContentType)
            : new HttpTriggerResponse(200, asset.Text, asset.ContentType);
        response.Headers["ETag"] = asset.ETag;
        response.Headers["Cache-Control"] = versioned ? ImmutableCaching : RevalidateCaching;
        response.Headers["X-Content-Type-Options"] = "nosniff";
        return Task.FromResult(response);
    }
}

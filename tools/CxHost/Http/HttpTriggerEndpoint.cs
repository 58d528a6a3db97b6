using System.Text;
using CxHost.Configuration;
using CxHost.Handler;
using CxHost.Hosting;

namespace CxHost.Http;

/// <summary>
/// Serves HTTP functions at <c>/{routePrefix}/{route}</c>: matches the most specific route, turns the request into the
/// <c>Data.req</c> envelope (adding the development principal when configured), invokes the function and answers with its
/// http output binding. A failed invocation answers 500, as the Functions host does. With several instances, requests go
/// to them in turn.
/// </summary>
public sealed class HttpTriggerEndpoint(
    FunctionAppDefinition app,
    HostInstances instances,
    CxHostOptions options,
    TimeProvider time,
    ILogger<HttpTriggerEndpoint> logger)
{
    // Kestrel frames the body itself; a function's own framing headers would contradict it.
    private static readonly HashSet<string> FramingHeaders =
        new(StringComparer.OrdinalIgnoreCase) { "Content-Length", "Transfer-Encoding", "Connection" };

    private readonly IReadOnlyList<HttpFunctionRoute> _routes =
        [.. app.WithTrigger("httpTrigger").Select(HttpFunctionRoute.For).OrderByDescending(r => r.Template.Specificity)];

    /// <summary>The HTTP functions and their routes.</summary>
    public IReadOnlyList<HttpFunctionRoute> Routes => _routes;

    /// <summary>Handles one request below the route prefix.</summary>
    public async Task HandleAsync(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        var matches = _routes
            .Select(r => (Route: r, Values: r.Template.Match(path ?? string.Empty)))
            .Where(m => m.Values is not null)
            .ToList();
        var match = matches.FirstOrDefault(m => m.Route.Allows(context.Request.Method));
        if (match.Route is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var envelope = await BuildEnvelopeAsync(context, match.Route, match.Values!);
        var outcome = await instances.Next().Invoker.InvokeAsync(match.Route.Function, envelope, context.RequestAborted);
        await WriteAsync(context, match.Route, outcome);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> BuildEnvelopeAsync(
        HttpContext context, HttpFunctionRoute route, Dictionary<string, string> values)
    {
        var request = context.Request;
        var body = await ReadBodyAsync(request, context.RequestAborted);
        // A caller's own identity headers never reach the handler, as App Service Authentication strips forged ones.
        var headers = request.Headers.Where(h => !DevelopmentPrincipal.IsIdentityHeader(h.Key)).ToDictionary(
            h => h.Key, h => h.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.OrdinalIgnoreCase);
        var role = DevelopmentPrincipal.RoleFor(options.DevelopmentRole, request.Cookies[DevelopmentPrincipal.RoleCookie]);
        if (role is not null)
        {
            var team = DevelopmentPrincipal.TeamFor(role, options.DevelopmentTeam, request.Cookies[DevelopmentPrincipal.TeamCookie]);
            foreach (var (name, value) in DevelopmentPrincipal.HeadersFor(role, team))
            {
                headers[name] = [value];
            }
        }

        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        var query = request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString()));
        var req = HttpRequestEnvelope.Request(url, request.Method, query, headers, values, body);
        return HttpRequestEnvelope.Build(route.Function.Name, route.Function.Trigger.Name, req, values, options.Encoding, time.GetUtcNow());
    }

    /// <summary>
    /// The body as the host puts it in <c>Data.req.Body</c>: text, or for <c>application/octet-stream</c> and
    /// <c>multipart/*</c> the bytes, which Newtonsoft writes as base64.
    /// </summary>
    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var mediaType = request.ContentType?.Split(';')[0].Trim() ?? string.Empty;
        var binary = mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || mediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);
        return binary ? Convert.ToBase64String(buffer.ToArray()) : Encoding.UTF8.GetString(buffer.ToArray());
    }

    private async Task WriteAsync(HttpContext context, HttpFunctionRoute route, InvocationOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        if (route.ResponseBinding is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var response = HttpOutputResponse.TryRead(outcome.Output(route.ResponseBinding), out var error);
        if (response is null)
        {
            logger.LogWarning("{Function}: {Error}; answering 500", route.Function.Name, error);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers.Where(h => !FramingHeaders.Contains(h.Key)))
        {
            context.Response.Headers[name] = value;
        }

        if (!context.Response.Headers.ContainsKey("Content-Type") && response.Body.Length > 0)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
        }

        // A 304, 204 or 1xx answer has no body, and Kestrel refuses any write to it, even an empty one.
        if (response.Body.Length > 0 && StatusAllowsBody(response.StatusCode))
        {
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    private static bool StatusAllowsBody(int status) =>
        status is >= 200 and not StatusCodes.Status204NoContent and not StatusCodes.Status304NotModified;
}

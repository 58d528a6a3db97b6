using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Security;

/// <summary>
/// Base for HTTP-triggered functions: reads the request and the caller, enforces the roles the function declares,
/// audits access when asked, and turns failures into RFC 9457 problem responses. Subclasses implement
/// <see cref="HandleAsync"/> only.
/// </summary>
public abstract class HttpFunction(HttpFunctionServices services) : IFunctionHandler
{
    /// <summary>The request binding name every HTTP function.json uses.</summary>
    public const string RequestBinding = "req";

    /// <summary>The response binding name every HTTP function.json uses.</summary>
    public const string ResponseBinding = "res";

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The audit log, security options and logger, for derived functions that audit reads themselves.</summary>
    protected HttpFunctionServices Services => services;

    /// <summary>The roles allowed to call this function; empty means anonymous access (only for health and the like).</summary>
    public abstract IReadOnlySet<string> AllowedRoles { get; }

    /// <summary>
    /// The methods the function's <c>function.json</c> declares (upper case), set by <see cref="FunctionCatalog"/> when it
    /// matches folders with handlers; null admits every method (no declaration, or a handler built without the catalog).
    /// </summary>
    public IReadOnlySet<string>? DeclaredMethods { get; private set; }

    /// <summary>When true, every allowed call is written to the audit trail (reads of sensitive views).</summary>
    protected virtual bool AuditAccess => false;

    /// <summary>Records the methods of the function's <c>function.json</c> (empty: every method).</summary>
    internal void DeclareMethods(IEnumerable<string> methods)
    {
        var set = methods.Select(m => m.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        DeclaredMethods = set.Count == 0 ? null : set;
    }

    /// <summary>Handles an authorised request.</summary>
    protected abstract Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken);

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var http = HttpTriggerRequest.TryRead(request, RequestBinding, out var readError);
        if (http is null)
        {
            return HttpTriggerResponse.Problem(400, "Bad invocation", readError!).ToResult(ResponseBinding);
        }

        if (DeclaredMethods is { } methods && !methods.Contains(http.Method))
        {
            // The host routes by method and never sends these; answering anyway would let a GET change what a PUT changes.
            var allowed = string.Join(", ", methods.Order(StringComparer.Ordinal));
            var refusal = HttpTriggerResponse.Problem(405, "Method not allowed", $"{Name} answers {allowed} only.");
            refusal.Headers["Allow"] = allowed;
            return refusal.ToResult(ResponseBinding);
        }

        var caller = ClientPrincipalReader.TryRead(
            http.Header(ClientPrincipalReader.HeaderName), services.Security.DevelopmentIdentities, out var principalError);
        if (caller is null)
        {
            return HttpTriggerResponse.Problem(401, "Unauthorized", principalError!).ToResult(ResponseBinding);
        }

        if (services.TeamGroups is { } teamGroups)
        {
            caller = await teamGroups.ResolveAsync(caller, cancellationToken);
        }

        if (AllowedRoles.Count > 0)
        {
            if (!caller.IsAuthenticated)
            {
                return HttpTriggerResponse.Problem(401, "Unauthorized", "Sign in to use this API.").ToResult(ResponseBinding);
            }

            if (!caller.IsInAnyRole(AllowedRoles))
            {
                await services.Audit.WriteAsync(caller, $"{http.Method} {Name}", http.Url, "forbidden", cancellationToken);
                var roles = string.Join(", ", AllowedRoles.Order(StringComparer.Ordinal));
                return HttpTriggerResponse.Problem(403, "Forbidden", $"This API needs one of the roles: {roles}.")
                    .ToResult(ResponseBinding);
            }
        }

        HttpTriggerResponse response;
        try
        {
            response = await HandleAsync(http, caller, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            services.Logger.LogError(
                "HTTP function {Function} failed with {Exception} at {Stack}", Name, ExceptionCodes.Describe(ex), ExceptionCodes.Stack(ex));
            response = HttpTriggerResponse.Problem(500, "Internal error", $"{Name} failed; the error is logged.");
        }

        if (AuditAccess)
        {
            var status = response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await services.Audit.WriteAsync(caller, $"{http.Method} {Name}", http.Url, status, cancellationToken);
        }

        return response.ToResult(ResponseBinding);
    }
}

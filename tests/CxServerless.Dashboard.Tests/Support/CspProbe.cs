using System.Text.Json;
using Microsoft.Playwright;

namespace CxServerless.Dashboard.Tests.Support;

/// <summary>Records Content-Security-Policy violations in the page (init scripts run outside the page's CSP).</summary>
internal static class CspProbe
{
    public const string Script = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var list = await page.EvaluateAsync<JsonElement>("() => window.__cspViolations || []");
        return [.. list.EnumerateArray().Select(v => v.GetString() ?? string.Empty)];
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>
/// Deterministic alert ids: the first 32 hex digits of SHA-256 over the rules version, KPI, slice and the end of the
/// window that opened the alert. Re-evaluating the same windows gives the same id, so the <c>alerts</c> queue message
/// can start exactly one orchestration per alert, and the id is safe as a table key and an instance id.
/// </summary>
public static class AlertId
{
    /// <summary>The id of the alert opened by the window ending at <paramref name="openingWindowEnd"/>.</summary>
    public static string For(string rulesVersion, KpiId kpi, Slice slice, DateTimeOffset openingWindowEnd)
    {
        ArgumentNullException.ThrowIfNull(rulesVersion);
        var text = string.Join(
            '\n',
            rulesVersion,
            kpi.ToString(),
            slice.ToString(),
            openingWindowEnd.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CxSim.Sending;

/// <summary>
/// Shared access signature tokens for Event Hubs and Service Bus, as documented ("Generate SAS token"):
/// <c>SharedAccessSignature sr={url-encoded resource}&amp;sig={url-encoded HMAC-SHA256}&amp;se={expiry}&amp;skn={key name}</c>,
/// where the HMAC is over <c>{url-encoded resource}\n{expiry}</c> with the UTF-8 key.
/// </summary>
public static class SharedAccessSignature
{
    /// <summary>
    /// Creates a token for <paramref name="resource"/> (lower-cased, as the Azure SDKs do) valid until <paramref name="expiresAt"/>.
    /// </summary>
    public static string Create(string resource, string keyName, string key, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var encodedResource = WebUtility.UrlEncode(resource.ToLowerInvariant());
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(encodedResource + "\n" + expiry, key);
        var encodedSignature = WebUtility.UrlEncode(signature);
        var encodedKeyName = WebUtility.UrlEncode(keyName);
        return $"SharedAccessSignature sr={encodedResource}&sig={encodedSignature}&se={expiry}&skn={encodedKeyName}";
    }

    /// <summary>The base64 HMAC-SHA256 of <paramref name="stringToSign"/> under <paramref name="key"/>.</summary>
    public static string Sign(string stringToSign, string key)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(stringToSign)));
    }
}

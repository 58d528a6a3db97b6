using System.Security.Cryptography;
using System.Text;

namespace CxSim.Detection.Quality;

/// <summary>The SHA-256 the detection-quality report freezes its inputs with (rules file, incident plan).</summary>
public static class FrozenHash
{
    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))));
}

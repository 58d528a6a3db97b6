using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CxSim.Sending;

namespace CxSim.Tests.Sending;

public class SharedAccessSignatureTests
{
    [Fact]
    public void Token_has_the_documented_shape_and_a_signature_over_the_encoded_resource_and_expiry()
    {
        var expires = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

        var token = SharedAccessSignature.Create("https://My-Namespace.servicebus.windows.net/cx-events", "send", "c2VjcmV0LWtleQ==", expires);

        var fields = ParseToken(token);
        Assert.Equal("https%3A%2F%2Fmy-namespace.servicebus.windows.net%2Fcx-events", fields["sr"]);
        Assert.Equal(expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), fields["se"]);
        Assert.Equal("send", fields["skn"]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("c2VjcmV0LWtleQ=="),
            Encoding.UTF8.GetBytes(fields["sr"] + "\n" + fields["se"])));
        Assert.Equal(expected, Uri.UnescapeDataString(fields["sig"]));
    }

    [Fact]
    public void Connection_strings_map_to_https_for_azure_and_http_for_loopback_and_the_emulator()
    {
        var azure = EventHubConnection.Parse("Endpoint=sb://cx-prod.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc=;EntityPath=cx-events");
        var local = EventHubConnection.Parse(EventHubConnection.LocalDevelopment);
        var emulator = EventHubConnection.Parse("Endpoint=sb://emulator-host;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true");

        Assert.Equal(("https://cx-prod.servicebus.windows.net/", "cx-events", "send", "abc="), (azure.Endpoint.AbsoluteUri, azure.EntityPath, azure.KeyName, azure.Key));
        Assert.Equal("http://127.0.0.1:7071/", local.Endpoint.AbsoluteUri);
        Assert.Null(local.EntityPath);
        Assert.Equal("http://emulator-host/", emulator.Endpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("SharedAccessKeyName=k;SharedAccessKey=v", "no Endpoint")]
    [InlineData("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKey=v", "no SharedAccessKeyName")]
    [InlineData("Endpoint=ftp://x/;SharedAccessKeyName=k;SharedAccessKey=v", "is not an sb://")]
    [InlineData("Endpoint=sb://x/;junk;SharedAccessKeyName=k;SharedAccessKey=v", "without 'name=value'")]
    public void A_bad_connection_string_says_what_is_wrong_without_echoing_the_key(string connection, string expected)
    {
        var error = Assert.Throws<FormatException>(() => EventHubConnection.Parse(connection));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SharedAccessKey=v", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_posts_to_hub_messages_with_the_endpoint_override_and_scopes_the_token_to_the_hub()
    {
        var connection = EventHubConnection.Parse("Endpoint=sb://cx-prod.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc;EntityPath=from-connection");

        var target = EventHubTarget.Create(connection, new Uri("http://127.0.0.1:7071"), "cx-events");
        var fromConnection = EventHubTarget.Create(connection, null, null);

        Assert.Equal("http://127.0.0.1:7071/cx-events/messages?timeout=60&api-version=2014-01", target.MessagesUri.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:7071/cx-events", target.Resource.AbsoluteUri);
        Assert.Equal("https://cx-prod.servicebus.windows.net/from-connection/messages", fromConnection.MessagesUri.GetLeftPart(UriPartial.Path));
        Assert.DoesNotContain("abc", target.ToString(), StringComparison.Ordinal);
    }

    internal static Dictionary<string, string> ParseToken(string token)
    {
        Assert.StartsWith("SharedAccessSignature ", token, StringComparison.Ordinal);
        return token["SharedAccessSignature ".Length..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }
}

using System.Text;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Tests.Invocation;

/// <summary>What the handler logs about a failure names types and codes, never a message that may quote the payload.</summary>
public sealed class ExceptionCodesTests
{
    [Fact]
    public void A_failure_is_described_by_type_and_codes_without_its_message()
    {
        var inner = new FormatException("bad value jane.doe@example.com");
        var failure = new Azure.RequestFailedException(503, "payload said +44 20 7946 0958", "ServerBusy", inner);
        var text = ExceptionCodes.Describe(failure);
        Assert.StartsWith("RequestFailedException (HResult 0x", text, StringComparison.Ordinal);
        Assert.Contains("status 503, code ServerBusy", text, StringComparison.Ordinal);
        Assert.Contains("caused by FormatException", text, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", text, StringComparison.Ordinal);
        Assert.DoesNotContain("7946", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unparseable_invocation_body_is_reported_by_position_not_by_the_parsers_message()
    {
        var body = Encoding.UTF8.GetBytes("""{"Data": jane.doe@example.com}""");
        Assert.Null(InvocationRequest.TryParse("F", "id", body, out var error));
        Assert.Contains("line 0, byte 9", error, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", error, StringComparison.Ordinal);
    }
}

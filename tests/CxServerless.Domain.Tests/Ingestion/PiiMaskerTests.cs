using CxServerless.Domain.Ingestion.Privacy;

namespace CxServerless.Domain.Tests.Ingestion;

public sealed class PiiMaskerTests
{
    [Theory]
    [InlineData("mail Jane.Doe+cx@sub.example.co.uk now", "mail [email] now")]
    [InlineData("call +44 20 7946 0958.", "call [phone].")]
    [InlineData("call +1 (415) 555-0132 today", "call [phone] today")]
    [InlineData("ring (415) 555-0199", "ring [phone]")]
    [InlineData("ring 020 7946 0958", "ring [phone]")]
    [InlineData("ring 0044 20 7946 0958", "ring [phone]")]
    [InlineData("card 4111 1111 1111 1111 ok", "card [card] ok")]
    [InlineData("amex 378282246310005", "amex [card]")]
    [InlineData("ref 12 4111-1111-1111-1111", "ref 12 [card]")]
    [InlineData("iban GB82 WEST 1234 5698 7654 32 THANKS", "iban [iban] THANKS")]
    [InlineData("iban DE89370400440532013000", "iban [iban]")]
    [InlineData("ssn 123-45-6789", "ssn [national-id]")]
    [InlineData("nino AB 12 34 56 C", "nino [national-id]")]
    public void Personal_values_in_free_text_are_masked(string text, string expected) => Assert.Equal(expected, PiiMasker.Mask(text));

    [Theory]
    [InlineData("order 4111 1111 1111 1112 shipped")]
    [InlineData("iban GB00 WEST 1234 5698 7654 32")]
    [InlineData("on 2024-06-01 10:30 we spoke")]
    [InlineData("ticket 35436, version 1613694358")]
    [InlineData("nothing personal here")]
    public void Look_alikes_that_fail_their_checksum_or_shape_stay(string text) => Assert.Equal(text, PiiMasker.Mask(text));

    [Fact]
    public void Escaped_json_characters_cannot_hide_a_value_from_the_payload_mask()
    {
        const string body = """{"phone":"\u002B44 20 7946 0958","mail":"jane\u0040example.com","quote":"\"x\""}""";
        var masked = PiiMasker.MaskPayload(body);
        Assert.Equal("""{"phone":"[phone]","mail":"[email]","quote":"\"x\""}""", masked);
    }

    [Fact]
    public void Identifiers_are_judged_less_eagerly_than_text()
    {
        Assert.False(PiiMasker.IdentifierContainsPii("5003000000D8cuIQAA"));
        Assert.False(PiiMasker.IdentifierContainsPii("4155550132"));
        Assert.True(PiiMasker.IdentifierContainsPii("jane@example.com"));
        Assert.True(PiiMasker.IdentifierContainsPii("+442079460958"));
    }

    [Fact]
    public void Checksums_follow_luhn_and_iso_13616()
    {
        Assert.True(Checksums.IsLuhnValid("79927398713"));
        Assert.False(Checksums.IsLuhnValid("79927398710"));
        Assert.True(Checksums.IsValidIban("GB82 WEST 1234 5698 7654 32"));
        Assert.False(Checksums.IsValidIban("GB82 WEST 1234 5698 7654 33"));
        Assert.False(Checksums.IsValidIban("gb82west12345698765432"));
    }

    [Fact]
    public void Phone_numbers_normalise_to_one_form()
    {
        Assert.Equal("+442079460958", Pseudonymizer.NormalisePhone(" +44 (20) 7946-0958 "));
        Assert.Equal("+442079460958", Pseudonymizer.NormalisePhone("0044 20 7946 0958"));
        Assert.Equal("4155550132", Pseudonymizer.NormalisePhone("415.555.0132"));
    }

    [Fact]
    public void Pseudonyms_depend_on_the_key_and_never_contain_the_value()
    {
        var a = new Pseudonymizer(new byte[32]);
        var b = new Pseudonymizer(Enumerable.Repeat((byte)1, 32).ToArray());
        var id = new Domain.Ingestion.CustomerIdentifier(Domain.Ingestion.IdentifierKind.Email, "jane@example.com");
        Assert.NotEqual(a.Customer(id, "x"), b.Customer(id, "x"));
        Assert.Equal(a.Customer(id, "x"), a.Customer(id with { Value = " JANE@example.COM" }, "y"));
        Assert.Matches("^c-[0-9a-f]{32}$", a.Customer(id, "x"));
        Assert.Throws<ArgumentException>(() => new Pseudonymizer(new byte[31]));
    }
}

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

    // Issue 14, part 3: categories anchored on Microsoft Presidio's recognisers (IpRecognizer, PhoneRecognizer,
    // IbanRecognizer, DateRecognizer with a context of birth, and a UK postcode with its street line). The seeds follow
    // each category's definition, not the masker: IPv4 dotted quads 0-255, IPv6 in full, compressed and IPv4-mapped
    // forms (RFC 4291 section 2.2), national numbers written without separators (UK 11 digits, FR 10), IBANs
    // (ISO 13616) in lower case or spaced, UK postcodes (outward + inward code) after a house number and street, and a
    // date next to a date-of-birth cue.
    [Theory]
    [InlineData("client at 192.168.10.254 retried", "client at [ip] retried")]
    [InlineData("from 8.8.8.8, then 10.0.0.1.", "from [ip], then [ip].")]
    [InlineData("src=2001:db8:85a3::8a2e:370:7334 dst", "src=[ip] dst")]
    [InlineData("peer fe80::1ff:fe23:4567:890a went away", "peer [ip] went away")]
    [InlineData("v6 2001:0db8:0000:0000:0000:ff00:0042:8329", "v6 [ip]")]
    [InlineData("mapped ::ffff:192.0.2.128 here", "mapped [ip] here")]
    [InlineData("ring 02079460958 now", "ring [phone] now")]
    [InlineData("mobile 07700900123", "mobile [phone]")]
    [InlineData("appelez le 0612345678", "appelez le [phone]")]
    [InlineData("iban gb82west12345698765432 thanks", "iban [iban] thanks")]
    [InlineData("iban gb82 west 1234 5698 7654 32", "iban [iban]")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN [iban] please")]
    [InlineData("send it to 221B Baker Street, London NW1 6XE please", "send it to [address] please")]
    [InlineData("address: 10 Downing Street, Westminster, London SW1A 2AA", "address: [address]")]
    [InlineData("I live at 42 Acacia Avenue, Leeds LS1 4AP.", "I live at [address].")]
    [InlineData("DOB 03/04/1985 confirmed", "DOB [dob] confirmed")]
    [InlineData("date of birth: 1985-04-03", "date of birth: [dob]")]
    [InlineData("she was born on 3 April 1985", "she was born on [dob]")]
    [InlineData("birthday is 12.11.1979", "birthday is [dob]")]
    [InlineData("Thank you for calling. My name is Adam. How can I help?", "Thank you for calling. My name is [name]. How can I help?")]
    [InlineData("hi, this is Priya Patel from billing", "hi, this is [name] from billing")]
    [InlineData("Hello, I'm Alice Jones, calling about my bill", "Hello, I'm [name], calling about my bill")]
    public void New_categories_in_free_text_are_masked(string text, string expected) => Assert.Equal(expected, PiiMasker.Mask(text));

    // False positives the new categories must not produce.
    [Theory]
    [InlineData("at 2026-11-23T09:14:02Z the call dropped")]
    [InlineData("at 2026-11-23T09:14:02.1234567+00:00 and 09:14:02")]
    [InlineData("job 7f1df17b-570b-4ae5-9cf5-fe6ff64cc712 queued")]
    [InlineData("arn:aws:connect:us-east-1:970025851406:instance/1d908e11-3d5f-4cfb-b34d-1e7e0f216898")]
    [InlineData("ttl P3Y6M4DT12H30M5S and 00:00:30 and 1:02:03")]
    [InlineData("upgraded to version 1.2.3.4 yesterday")]
    [InlineData("runtime 10.0.19041.1 and build 6.0.36")]
    [InlineData("mac 00:1A:2B:3C:4D:5E")]
    [InlineData("thread 19:6e5d6ca1d75044a49a36a7965ec4a906@thread.v2")]
    [InlineData("ticket 35436, version 1613694358")]
    [InlineData("order 20240601093000 shipped")]
    [InlineData("created 03/04/1985 by the import")]
    [InlineData("postcode SW1A 2AA only")]
    [InlineData("iban gb00west12345698765432")]
    [InlineData("ratio 0.1234567 of 12345 calls")]
    [InlineData("I'm having trouble, this is urgent and my name is not on the account")]
    public void New_categories_leave_look_alikes_alone(string text) => Assert.Equal(text, PiiMasker.Mask(text));

    [Fact]
    public void Name_fields_of_a_quarantined_payload_are_dropped_wherever_they_sit()
    {
        const string body = """
            {"description":"Task WT1 assigned to Worker Cases Worker","worker_name":"Cases Worker","senderDisplayName":"Jhon",
             "author":{"name":"Ann Smith","id":7},
             "customer":{"firstName":"Ann","lastName":"Smith","fullName":"Ann Smith"},"CustomerName":"Bo Li",
             "queueName":"Billing","entityName":"Account","topicName":"v2.users.x.presence","user":{"displayName":"Ann S."}}
            """;
        var masked = PiiMasker.MaskPayload(body);
        foreach (var clear in new[] { "Cases Worker", "Jhon", "Ann", "Smith", "Bo Li", "Ann S." })
        {
            Assert.DoesNotContain(clear, masked, StringComparison.Ordinal);
        }

        Assert.Contains("\"worker_name\":\"[name]\"", masked, StringComparison.Ordinal);
        Assert.Contains("assigned to Worker [name]", masked, StringComparison.Ordinal);
        Assert.Contains("\"queueName\":\"Billing\"", masked, StringComparison.Ordinal);
        Assert.Contains("\"entityName\":\"Account\"", masked, StringComparison.Ordinal);
        Assert.Contains("\"id\":7", masked, StringComparison.Ordinal);

        // A body that is not JSON (quarantined as invalid-json) loses its name values too.
        Assert.Equal("""{"name":"[name]","text":"broken""", PiiMasker.MaskPayload("""{"name":"Ann Smith","text":"broken"""));
    }

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
        Assert.Matches("^c-k1-[0-9a-f]{32}$", a.Customer(id, "x"));
        Assert.Throws<ArgumentException>(() => new Pseudonymizer(new byte[31]));
    }

    [Fact]
    public void Pseudonyms_name_the_key_that_made_them_so_a_rotation_can_be_told_apart()
    {
        var key = Enumerable.Repeat((byte)7, 32).ToArray();
        var id = new Domain.Ingestion.CustomerIdentifier(Domain.Ingestion.IdentifierKind.Phone, "+44 20 7946 0958");
        var k1 = new Pseudonymizer(key);
        var k2 = new Pseudonymizer(Enumerable.Repeat((byte)8, 32).ToArray(), "k2");
        Assert.Equal("k1", k1.KeyId);
        Assert.Matches("^c-k1-[0-9a-f]{32}$", k1.Customer(id, "x"));
        Assert.Matches("^c-k2-[0-9a-f]{32}$", k2.Customer(id, "x"));
        Assert.Matches("^a-k2-[0-9a-f]{32}$", k2.Agent("agent-7", "x"));
        Assert.Matches("^p-k2-[0-9a-f]{32}$", k2.Identifier("jane@example.com", "x"));

        // The same key under another id gives the same hash with another label: the id is a label, not key material.
        Assert.Equal(k1.Customer(id, "x")[5..], new Pseudonymizer(key, "k9").Customer(id, "x")[5..]);
        Assert.Throws<ArgumentException>(() => new Pseudonymizer(key, "K1"));
        Assert.Throws<ArgumentException>(() => new Pseudonymizer(key, "k1:"));
        Assert.Throws<ArgumentException>(() => new Pseudonymizer(key, "1k"));
    }
}

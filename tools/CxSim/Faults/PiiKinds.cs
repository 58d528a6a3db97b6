namespace CxSim.Faults;

/// <summary>The kinds of personal data cx-sim plants in free text.</summary>
[Flags]
public enum PiiKinds
{
    /// <summary>No personal data.</summary>
    None = 0,

    /// <summary>An e-mail address.</summary>
    Email = 1,

    /// <summary>A phone number.</summary>
    Phone = 2,

    /// <summary>A Luhn-valid payment card number.</summary>
    CardNumber = 4,

    /// <summary>A checksum-valid IBAN.</summary>
    Iban = 8,
}

namespace CxServerless.Functions.Ingestion;

/// <summary>
/// What happened to one row write: inserted now, already there from an earlier attempt of the same delivery, or a duplicate
/// of another delivery.
/// </summary>
public enum EventWriteResult
{
    /// <summary>Inserted by this attempt.</summary>
    Inserted,

    /// <summary>The row was already there, written by an earlier attempt of this same delivery (same origin).</summary>
    AlreadyWritten,

    /// <summary>The row was already there, written for another delivery: a duplicate.</summary>
    Duplicate,
}

namespace CxServerless.Domain.Ingestion;

/// <summary>The outcome of <see cref="ISourceAdapter.Adapt"/>: an event or a rejection.</summary>
public readonly record struct AdapterResult(SourceEvent? Event, Rejection? Rejection)
{
    /// <summary>A successful read.</summary>
    public static implicit operator AdapterResult(SourceEvent value) => new(value, null);

    /// <summary>A rejected payload.</summary>
    public static implicit operator AdapterResult(Rejection value) => new(null, value);

    /// <summary>The reader's problem when it has one, else the event built by <paramref name="build"/>.</summary>
    public static AdapterResult From(FieldReader reader, Func<SourceEvent> build)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(build);
        if (reader.Problem is { } early)
        {
            return early;
        }

        var built = build();
        return reader.Problem is { } late ? late : built;
    }
}

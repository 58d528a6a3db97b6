using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Domain.Analytics.Slices;

/// <summary>Writes a <see cref="Slice"/> as its text form (<c>all</c>, <c>queue=billing</c>) and reads it back.</summary>
public sealed class SliceJsonConverter : JsonConverter<Slice>
{
    /// <inheritdoc />
    public override Slice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Slice.TryParse(reader.GetString(), out var slice)
            ? slice
            : throw new JsonException("A slice must be \"all\" or \"<dimension>=<value>\" with dimension channel, queue, team or region.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Slice value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}

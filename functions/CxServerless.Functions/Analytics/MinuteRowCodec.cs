using System.IO.Compression;
using System.Text;
using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// The binary form of a <see cref="MinuteRow"/>'s aggregates: version byte, then per (KPI, slice) the KPI, the slice
/// text, weight, sum, sum of squares, min, max and, for duration KPIs, the quantile sketch's bins; Brotli-compressed.
/// Every part is exact (doubles are written bit for bit), so a row read back merges exactly like the one written.
/// </summary>
public static class MinuteRowCodec
{
    private const byte Version = 1;

    /// <summary>Encodes the aggregates of <paramref name="row"/>.</summary>
    public static byte[] Encode(MinuteRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(brotli, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(row.Aggregates.Count);
            foreach (var ((kpi, slice), aggregate) in row.Aggregates
                .OrderBy(a => a.Key.Kpi)
                .ThenBy(a => a.Key.Slice.ToString(), StringComparer.Ordinal))
            {
                writer.Write((byte)kpi);
                writer.Write(slice.ToString());
                writer.Write(aggregate.Weight);
                writer.Write(aggregate.Sum);
                writer.Write(aggregate.SumOfSquares);
                writer.Write(aggregate.Min);
                writer.Write(aggregate.Max);
                if (aggregate.Sketch is { } sketch)
                {
                    writer.Write(true);
                    writer.Write(sketch.ZeroCount);
                    writer.Write(sketch.Bins.Count);
                    foreach (var (index, count) in sketch.Bins.OrderBy(b => b.Key))
                    {
                        writer.Write(index);
                        writer.Write(count);
                    }
                }
                else
                {
                    writer.Write(false);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes aggregates written by <see cref="Encode"/> into <paramref name="row"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a row of a known version.</exception>
    public static void DecodeInto(ReadOnlySpan<byte> data, MinuteRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var buffer = new MemoryStream(data.ToArray());
        using var brotli = new BrotliStream(buffer, CompressionMode.Decompress);
        using var reader = new BinaryReader(brotli, Encoding.UTF8);
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new InvalidDataException($"Minute row version {version} is not known (expected {Version}).");
        }

        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var kpi = (KpiId)reader.ReadByte();
            var sliceText = reader.ReadString();
            if (!Enum.IsDefined(kpi) || !Slice.TryParse(sliceText, out var slice))
            {
                throw new InvalidDataException($"Minute row holds an unknown KPI {(int)kpi} or slice '{sliceText}'.");
            }

            var weight = reader.ReadInt64();
            var sum = reader.ReadDouble();
            var sumOfSquares = reader.ReadDouble();
            var min = reader.ReadDouble();
            var max = reader.ReadDouble();
            QuantileSketch? sketch = null;
            if (reader.ReadBoolean())
            {
                var zeroCount = reader.ReadInt64();
                var bins = new KeyValuePair<int, long>[reader.ReadInt32()];
                for (var b = 0; b < bins.Length; b++)
                {
                    bins[b] = new(reader.ReadInt32(), reader.ReadInt64());
                }

                sketch = QuantileSketch.FromBins(bins, zeroCount);
            }

            row.Aggregates[(kpi, slice)] = KpiAggregate.FromParts(weight, sum, sumOfSquares, min, max, sketch);
        }
    }
}

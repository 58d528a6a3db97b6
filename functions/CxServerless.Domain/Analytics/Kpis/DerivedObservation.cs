using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>
/// An observation derived from several events (first-contact resolution), stamped with the event time at which it
/// became known and carrying the slices of the contact it is about. Add it with
/// <see cref="Aggregation.MinuteBucketAccumulator.Add(KpiObservation, DateTimeOffset, ReadOnlySpan{Slice})"/>.
/// </summary>
/// <param name="Observation">The observation.</param>
/// <param name="Time">The event time it is counted at.</param>
/// <param name="Slices">The slices of the contact it is about.</param>
public sealed record DerivedObservation(KpiObservation Observation, DateTimeOffset Time, IReadOnlyList<Slice> Slices);

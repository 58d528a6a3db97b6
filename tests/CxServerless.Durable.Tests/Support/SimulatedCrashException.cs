using CxServerless.Durable.Engine;

namespace CxServerless.Durable.Tests.Support;

/// <summary>The process "died" at a persistence boundary.</summary>
internal sealed class SimulatedCrashException(FaultPoint point) : Exception($"Simulated crash at {point}.");

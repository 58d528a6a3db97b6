namespace CxServerless.Durable.Replay;

/// <summary>Replay found the orchestrator code doing something other than what history records at a sequence number.</summary>
internal sealed class NonDeterminismException(string message) : Exception(message);

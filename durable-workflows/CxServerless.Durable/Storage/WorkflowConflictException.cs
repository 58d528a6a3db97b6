namespace CxServerless.Durable.Storage;

/// <summary>Another worker committed to the same instance first (the state row's ETag changed); reload and replay.</summary>
internal sealed class WorkflowConflictException(string message, Exception? innerException = null) : Exception(message, innerException);

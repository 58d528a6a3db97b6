namespace CxServerless.Functions.Invocation;

/// <summary>
/// The code behind one function folder. Each folder under the app root with a <c>function.json</c> has exactly one
/// handler whose <see cref="Name"/> equals the folder name; the handler refuses to start otherwise.
/// </summary>
public interface IFunctionHandler
{
    /// <summary>The function folder name, which is also the invocation route <c>POST /{Name}</c>.</summary>
    string Name { get; }

    /// <summary>Runs one invocation. Expected bad input is reported in the result; exceptions are bugs or outages.</summary>
    Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}

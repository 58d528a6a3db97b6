using Microsoft.Extensions.Options;

namespace CxServerless.Workflows.Hosting;

/// <summary>Stops start-up when the task hub settings are invalid, naming each setting at fault.</summary>
internal sealed class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

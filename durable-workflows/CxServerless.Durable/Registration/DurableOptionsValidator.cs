using Microsoft.Extensions.Options;

namespace CxServerless.Durable.Registration;

/// <summary>Validates <see cref="DurableOptions"/> at start-up with a message that names the setting.</summary>
internal sealed class DurableOptionsValidator : IValidateOptions<DurableOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}

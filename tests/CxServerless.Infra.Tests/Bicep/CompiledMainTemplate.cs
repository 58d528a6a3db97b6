namespace CxServerless.Infra.Tests.Bicep;

/// <summary>Builds <c>infra/main.bicep</c> once per test class that needs the compiled ARM JSON.</summary>
public sealed class CompiledMainTemplate
{
    private readonly Lazy<Task<CompiledTemplate>> _template = new(() => CompiledTemplate.BuildAsync("main.bicep"));

    internal Task<CompiledTemplate> GetAsync() => _template.Value;
}

using System.Text.Json.Nodes;

namespace CxServerless.Infra.Tests.Bicep;

/// <summary>One resource of a compiled template: its type, name expression, the deployment (module) it sits in, and its JSON.</summary>
internal sealed record TemplateResource(string Type, string Name, string Deployment, JsonObject Resource);

namespace CxServerless.Infra.Tests.Settings;

/// <summary>A setting that something refers to: a function.json (<c>%Name%</c> or <c>connection</c>) or handler code.</summary>
/// <param name="Name">The setting name (first segment of a hierarchical key).</param>
/// <param name="IsConnection">True for a binding <c>connection</c>, which identity-based <c>Name__*</c> settings satisfy.</param>
/// <param name="Source">Where the reference is, e.g. <c>IngestCxEvents/function.json</c> or <c>Storage/StorageAccount.cs:52</c>.</param>
internal sealed record SettingReference(string Name, bool IsConnection, string Source);

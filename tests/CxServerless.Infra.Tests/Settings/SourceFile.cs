namespace CxServerless.Infra.Tests.Settings;

/// <summary>A C# source file to scan: its repository-relative path and its text.</summary>
internal sealed record SourceFile(string Path, string Text);

namespace CxServerless.Infra.Tests.Settings;

public sealed class HandlerSourceScannerTests
{
    [Theory]
    [InlineData("""var a = configuration["CxAlpha"];""", "CxAlpha")]
    [InlineData("""var a = builder.Configuration["CxAlpha:Nested"];""", "CxAlpha")]
    [InlineData("""var a = _configuration.GetValue<int>("CxAlpha__Count");""", "CxAlpha")]
    [InlineData("""var s = configuration.GetSection("CxAlpha");""", "CxAlpha")]
    [InlineData("""services.AddOptions<X>().BindConfiguration("CxAlpha").ValidateOnStart();""", "CxAlpha")]
    [InlineData("""var p = Environment.GetEnvironmentVariable("CX_ALPHA");""", "CX_ALPHA")]
    [InlineData("""var on = ReadFlag(configuration, "CxAlpha");""", "CxAlpha")]
    public void Finds_a_literal_key_in_each_read_shape(string line, string expected)
    {
        var reads = HandlerSourceScanner.Scan([new SourceFile("A.cs", line)]);

        Assert.Equal(expected, Assert.Single(reads).Name);
    }

    [Fact]
    public void Resolves_a_key_given_as_a_constant_of_another_class()
    {
        var catalog = new SourceFile("Settings.cs", """
            public static class Names
            {
                public const string Alpha = "CxAlpha";
            }
            """);
        var reader = new SourceFile("Reader.cs", "var a = configuration[Names.Alpha];");

        var read = Assert.Single(HandlerSourceScanner.Scan([catalog, reader]));

        Assert.Equal("CxAlpha", read.Name);
        Assert.Equal("Reader.cs:1", read.Source);
    }

    [Fact]
    public void Ignores_indexers_on_other_objects_and_keys_in_variables()
    {
        var source = new SourceFile("B.cs", """
            var kind = definition["type"];
            var value = section["accountName"];
            var text = configuration[name];
            """);

        Assert.Empty(HandlerSourceScanner.Scan([source]));
    }
}

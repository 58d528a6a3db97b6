namespace CxServerless.Functions.Configuration;

/// <summary>How an app setting appears in configuration.</summary>
public enum SettingShape
{
    /// <summary>One setting with exactly this name.</summary>
    Value,

    /// <summary>
    /// A connection: either a connection string under the name (local) or identity-based settings
    /// <c>Name__property</c> (Azure), as the Functions host reads connections.
    /// </summary>
    Connection,

    /// <summary>An options section: optional settings named <c>Name__Key</c>, none of them required.</summary>
    Section,
}

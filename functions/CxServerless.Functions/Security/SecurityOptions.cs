namespace CxServerless.Functions.Security;

/// <summary>Security settings read at start-up.</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// Setting <c>CxDevelopmentIdentities</c>: accept development principals from cx-host. Off unless set to
    /// <c>true</c>, and never set in Azure (the Bicep app settings do not carry it).
    /// </summary>
    public bool DevelopmentIdentities { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace CxServerless.Functions.Handover;

/// <summary>Where shift handovers are kept (setting <c>CxHandoversTable</c>, in HandlerSettings).</summary>
public sealed class HandoverOptions
{
    /// <summary>The Handovers table.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxHandoversTable' must be a valid table name.")]
    public string HandoversTable { get; set; } = HandoverStore.TableName;
}

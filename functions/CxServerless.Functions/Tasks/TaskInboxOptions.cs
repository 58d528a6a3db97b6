using System.ComponentModel.DataAnnotations;

namespace CxServerless.Functions.Tasks;

/// <summary>Where the task inbox keeps what it records beyond the Tasks read model (settings in HandlerSettings).</summary>
public sealed class TaskInboxOptions
{
    /// <summary>The table of alerts closed as false alarms, for recalibration.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxFalseAlarmsTable' must be a valid table name.")]
    public string FalseAlarmsTable { get; set; } = FalseAlarmStore.TableName;
}

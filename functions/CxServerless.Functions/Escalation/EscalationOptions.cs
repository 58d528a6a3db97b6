using System.ComponentModel.DataAnnotations;

namespace CxServerless.Functions.Escalation;

/// <summary>Where the escalation layer keeps its read models and routing file (settings in HandlerSettings).</summary>
public sealed class EscalationOptions
{
    /// <summary>The Tasks read model: tasks and their timelines.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxTasksTable' must be a valid table name.")]
    public string TasksTable { get; set; } = "Tasks";

    /// <summary>The Notifications table.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxNotificationsTable' must be a valid table name.")]
    public string NotificationsTable { get; set; } = "Notifications";

    /// <summary>The routing file shipped with the app, relative to the app root.</summary>
    public string RosterFile { get; set; } = "rules/cx-roster.v1.json";

    /// <summary>The blob container that holds routing files replaced through the roster API.</summary>
    [RegularExpression(
        "^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$",
        ErrorMessage = "Setting 'CxConfigContainer' must be a valid container name.")]
    public string ConfigContainer { get; set; } = "cx-config";
}

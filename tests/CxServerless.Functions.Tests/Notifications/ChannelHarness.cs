using Azure.Core;
using CxServerless.Domain.Escalation;
using CxServerless.Functions.Extensions;
using CxServerless.Workflows.Notifications;
using CxServerless.Workflows.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CxServerless.Functions.Tests.Notifications;

/// <summary>The handler's real channels, wired as the handler wires them (typed clients, resilience), with the given settings.</summary>
internal sealed class ChannelHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public ChannelHarness(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenCredential>(new FixedToken(Token));
        services.AddNotifications(configuration);
        _services = services.BuildServiceProvider();
    }

    public const string Token = "test-entra-token";

    public INotificationChannel Channel(string name) =>
        _services.GetServices<INotificationChannel>().Single(c => c.Name == name);

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public void Dispose() => _services.Dispose();

    /// <summary>A notification for <paramref name="recipient"/> about an open critical task of team billing, due at 10:30 UTC.</summary>
    public static NotificationDelivery Delivery(Person? recipient, string key = "task-alert1-s0002")
    {
        var task = new TaskRecord(
            "task-alert1", "alert1", "escalation-alert1", "Critical: Average speed of answer for queue=billing is 95 s",
            "Critical", "AverageSpeedOfAnswer", "queue=billing", "billing", "detected", TaskStatuses.Open,
            new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero))
        {
            Assignee = recipient?.Id,
            AssigneeName = recipient?.DisplayName,
            Level = 0,
            DueAt = new DateTimeOffset(2026, 12, 1, 10, 30, 0, TimeSpan.Zero),
        };
        var note = new NotificationRecord(recipient?.Id ?? "gone", key, task.TaskId, "assigned",
            "Critical: Average speed of answer for queue=billing is 95 s: assigned to you (level 1)",
            ["inbox", "teams", "email", "webhook"],
            "pending", new DateTimeOffset(2026, 12, 1, 10, 0, 1, TimeSpan.Zero));
        return new NotificationDelivery(note, task, recipient);
    }

    public static Person Lead(string? email = "lead.billing@contoso.example", string team = "billing") =>
        new("lead-billing", "Billing Lead", team, "TeamLead", new HashSet<string>(), Shift(), email);

    private static ShiftPattern Shift() =>
        RosterParser.ParseOrThrow(Tasks.InboxRoster.Json).People[0].Shift;

    private sealed class FixedToken(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(
                requestContext.Scopes.SequenceEqual(["https://communication.azure.com/.default"]) ? token : "wrong-scope",
                DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}

using CxServerless.Workflows.Notifications;
using Microsoft.DurableTask;

namespace CxServerless.Workflows.Escalation;

/// <summary>
/// Turns one alert into one task and follows it up the escalation chain: assign the first level and tell the
/// assignee; remind before the SLA lapses; when it lapses, move to the next level; after the last level, stay open
/// and flag the SLA as breached. Ends when the task is resolved, marked a false alarm, or the alert resolves itself.
/// </summary>
/// <remarks>
/// Every person's action arrives as one <see cref="TaskAction.EventName"/> event. The orchestrator keeps a single
/// pending wait for it across SLA timers, so a wait abandoned when a level times out can never swallow the next
/// action. Each activity call carries a step number, the key under which it writes, so a re-run writes nothing twice.
/// A notification to a level with channels beyond the inbox is then delivered by <see cref="DeliverNotification"/>,
/// whose failure is recorded on the notification and never ends or stalls the escalation.
/// </remarks>
[DurableTask(nameof(EscalationOrchestrator))]
public sealed class EscalationOrchestrator : TaskOrchestrator<EscalationRequest, EscalationOutcome>
{
    private static readonly TaskOptions Retry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(1)));

    // Delivery retries its HTTP calls itself (resilience handlers) and records a channel's failure instead of throwing;
    // these retries cover storage trouble. After them the escalation goes on without the delivery.
    private static readonly TaskOptions DeliveryRetry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(1)));

    /// <inheritdoc />
    public override async Task<EscalationOutcome> RunAsync(TaskOrchestrationContext context, EscalationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = await context.CallActivityAsync<EscalationPlan>(nameof(OpenEscalationTask), input, Retry);
        var run = new EscalationRun(context, plan, input);
        return await run.FollowAsync();
    }

    /// <summary>The state of one escalation as the orchestrator walks the chain.</summary>
    private sealed class EscalationRun(TaskOrchestrationContext context, EscalationPlan plan, EscalationRequest input)
    {
        private readonly List<string> _assignees = [];
        private IReadOnlyList<LevelPlan> _levels = plan.Levels;
        private Task<TaskAction>? _action;
        private int _level;
        private int _step;
        private bool _acknowledged;
        private bool _breached;
        private bool _keepAssignee;
        private string _why = "alert opened";

        public async Task<EscalationOutcome> FollowAsync()
        {
            while (true)
            {
                var due = await AssignCurrentLevelAsync();
                if (due is null)
                {
                    continue; // nobody could take the level: the next one is tried
                }

                var closed = await WaitAtLevelAsync(due.Value);
                if (closed is not null)
                {
                    return closed;
                }
            }
        }

        /// <summary>Assigns the current level; returns its SLA deadline, DateTime.MaxValue past the last level,
        /// or null to skip it.</summary>
        private async Task<DateTime?> AssignCurrentLevelAsync()
        {
            if (_level >= _levels.Count)
            {
                if (!_breached)
                {
                    _breached = true;
                    var last = _assignees.Count > 0 ? _assignees[^1] : null;
                    var channels = _levels.Count > 0 ? _levels[^1].Channels : null;
                    var breachStep = await ChangeAsync("slaBreached", "system", "the last level's SLA lapsed", last, null, channels);
                    if (last is not null)
                    {
                        await DeliverAsync(last, breachStep, channels);
                    }
                }

                return DateTime.MaxValue;
            }

            var level = _levels[_level];
            var due = context.CurrentUtcDateTime + (_acknowledged ? level.ResolveWithin : level.AcknowledgeWithin);
            var step = ++_step;
            var result = await context.CallActivityAsync<AssignResult>(
                nameof(AssignEscalationLevel),
                new AssignRequest(plan.TaskId, step, _level, level, plan.Team, input.Route.Skill, _assignees,
                    _keepAssignee ? _assignees[^1] : null, Utc(due), _why),
                Retry);
            _keepAssignee = false;
            if (result.PersonId is null)
            {
                _level++;
                return null;
            }

            _assignees.Add(result.PersonId);
            await DeliverAsync(result.PersonId, step, level.Channels);
            return due;
        }

        /// <summary>Waits for actions and timers at the current level; returns the outcome once the task closes,
        /// or null to move on.</summary>
        private async Task<EscalationOutcome?> WaitAtLevelAsync(DateTime due)
        {
            var reminded = false;

            // Each pass consumes a person's action, the reminder or the SLA timer, so history grows by a few events
            // per human action: bounded by what people do to one task, not by time. No ContinueAsNew is needed.
#pragma warning disable DURABLE0011
            while (true)
#pragma warning restore DURABLE0011
            {
                _action ??= context.WaitForExternalEvent<TaskAction>(TaskAction.EventName);
                if (due != DateTime.MaxValue)
                {
                    var level = _levels[_level];
                    var remindAt = due - level.RemindBefore;
                    var now = context.CurrentUtcDateTime;

                    // A reminder whose time has passed (the worker was down, or the level began inside the reminder
                    // period) still goes out at once while the SLA has not lapsed: late is better than never.
                    var at = !reminded && level.RemindBefore > TimeSpan.Zero && now < due ? (remindAt > now ? remindAt : now) : due;
                    using var cancel = new CancellationTokenSource();
                    var timer = context.CreateTimer(at, cancel.Token);
                    if (await Task.WhenAny(_action, timer) == timer)
                    {
                        if (at < due)
                        {
                            reminded = true;
                            var remindStep = await ChangeAsync(
                                "reminded", "system", $"the SLA lapses at {Utc(due):u}", _assignees[^1], Utc(due), level.Channels);
                            await DeliverAsync(_assignees[^1], remindStep, level.Channels);
                            continue;
                        }

                        _why = _acknowledged ? "resolution SLA lapsed" : "acknowledgement SLA lapsed";
                        _level++;
                        return null;
                    }

                    cancel.Cancel();
                }

                var action = await _action;
                _action = null;
                switch (action.Kind)
                {
                    case "acknowledge" when !_acknowledged:
                        _acknowledged = true;
                        reminded = false;
                        due = _level < _levels.Count ? context.CurrentUtcDateTime + _levels[_level].ResolveWithin : DateTime.MaxValue;
                        await ChangeAsync("acknowledged", action.By, action.Note, null, due == DateTime.MaxValue ? null : Utc(due));
                        break;
                    case "resolve" or "falseAlarm" or "alertResolved":
                        await ChangeAsync(action.Kind == "resolve" ? "resolved" : action.Kind, action.By, action.Note, null, null);
                        return new EscalationOutcome(
                            plan.TaskId, action.Kind == "resolve" ? "resolved" : action.Kind, action.By, _level, _breached);
                    case "reassign" when action.To is not null && _level < _levels.Count:
                        var reassignStep = ++_step;
                        var result = await context.CallActivityAsync<AssignResult>(
                            nameof(AssignEscalationLevel),
                            new AssignRequest(plan.TaskId, reassignStep, _level, _levels[_level], plan.Team, input.Route.Skill, _assignees,
                                action.To, Utc(due), $"reassigned by {action.By}"),
                            Retry);
                        if (result.PersonId is not null)
                        {
                            _assignees.Add(result.PersonId);
                            await DeliverAsync(result.PersonId, reassignStep, _levels[_level].Channels);
                        }

                        break;
                    case "severityChanged" when action.Severity is { } severity:
                        _levels = await context.CallActivityAsync<IReadOnlyList<LevelPlan>>(
                            nameof(ReplanEscalation), new ReplanRequest(plan.TaskId, ++_step, severity), Retry);
                        _level = Math.Min(_level, _levels.Count - 1);
                        _breached = false;
                        _keepAssignee = _assignees.Count > 0;
                        _why = $"severity changed to {severity}: the SLA starts again";
                        return null;
                    default:
                        break; // a repeated or meaningless action changes nothing
                }
            }
        }

        /// <summary>Records a change of the task; returns the step it was recorded under.</summary>
        private async Task<int> ChangeAsync(
            string kind, string by, string? note, string? person, DateTimeOffset? due, IReadOnlyList<string>? channels = null)
        {
            var step = ++_step;
            await context.CallActivityAsync(
                nameof(RecordTaskChange), new TaskChange(plan.TaskId, step, kind, by, note, person, due, channels), Retry);
            return step;
        }

        /// <summary>Delivers the notification a step stored, when its channels go beyond the inbox; never fails the escalation.</summary>
        private async Task DeliverAsync(string recipient, int step, IReadOnlyList<string>? channels)
        {
            if (channels is null || DeliveryText.External(channels).Count == 0)
            {
                return;
            }

            try
            {
                await context.CallActivityAsync<string>(
                    nameof(DeliverNotification),
                    new DeliveryRequest(recipient, AssignEscalationLevel.NotificationKey(plan.TaskId, step)),
                    DeliveryRetry);
            }
            catch (TaskFailedException)
            {
                // Storage kept failing through the retries: the notification stays "pending" and the escalation goes on.
            }
        }

        private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
    }
}

using System.Text.Json.Nodes;
using CxServerless.Domain.Access;
using CxServerless.Testing;
using static CxServerless.Functions.Tests.Rules.RecalibrationHarness;

namespace CxServerless.Functions.Tests.Rules;

/// <summary>
/// Recalibration end to end in the handler on Azurite: the evaluator raises alerts over yesterday's buckets, people's
/// verdicts are stored, the <c>Recalibrate</c> timer (ticked on demand, fake clock) writes a draft with its backtest,
/// activates it inside the guard rails or opens an approval task in the OpsAdmin inbox, and the rules API lists the
/// versions and rolls back.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RecalibrationFunctionTests(AzuriteFixture azurite)
{
    // Minutes after yesterday 00:00; the backtest period starts at minute 720 (12:00).
    private static readonly Bump[] SmallFalseAlarms = [new(780, 10, 66), new(900, 10, 66), new(1080, 20, 120)];
    private static readonly Bump[] LargeFalseAlarms = [new(780, 10, 80), new(900, 10, 80), new(1080, 20, 150)];

    private static bool? FalseAlarmIfBefore18(DateTimeOffset opened) =>
        opened < Yesterday.AddMinutes(1080) ? true : opened < Yesterday.AddMinutes(1110) ? false : null;

    [Fact]
    public async Task Planted_false_alarms_yield_a_draft_inside_the_guard_rails_that_is_activated_and_can_be_rolled_back()
    {
        using var h = await StartAsync(azurite, SmallFalseAlarms);
        Assert.Null((await h.TickAsync("EvaluateAlerts"))["Error"]);
        var fired = await h.AlertsAsync();
        Assert.Equal(3, fired.Count); // two 66 s bumps and the 120 s incident, all above the 60 s ceiling
        Assert.All(fired, a => Assert.Equal(BaseVersion, a.Version));
        await h.LabelAsync(FalseAlarmIfBefore18);

        var first = await h.TickAsync("Recalibrate");
        Assert.Null(first["Error"]);
        var second = await h.TickAsync("Recalibrate"); // twice on a day: one draft

        var (status, body) = await h.CallAsync("RulesList", CxRoles.Auditor, "GET");
        Assert.Equal(200, status);
        Assert.Equal(DraftVersion, body!["active"]!.GetValue<string>());
        var versions = body["versions"]!.AsArray();
        Assert.Equal(2, versions.Count);
        var draft = versions.Single(v => v!["version"]!.GetValue<string>() == DraftVersion)!;
        Assert.Equal(("active", "recalibration", BaseVersion), (Str(draft, "status"), Str(draft, "source"), Str(draft, "baseVersion")));
        Assert.Equal("retired", Str(versions.Single(v => Str(v!, "version") == BaseVersion)!, "status"));
        var report = draft["report"]!;
        Assert.True(report["withinGuardRails"]!.GetValue<bool>());
        var rule = report["rules"]!.AsArray().Single()!;
        Assert.Equal(10.0, rule["movePercent"]!.GetValue<double>()); // 60 s × 1.10 = 66 s: a 66 s window no longer breaches
        var backtest = rule["backtest"]!;
        Assert.Equal((2, 2, 1, 1), (Int(backtest, "falseAlarms"), Int(backtest, "falseAlarmsAvoided"), Int(backtest, "confirmed"),
            Int(backtest, "confirmedKept")));
        Assert.Contains(
            rule["changes"]!.AsArray(),
            c => Str(c!, "field") == "upper" && c!["from"]!.GetValue<double>() == 60 && c["to"]!.GetValue<double>() == 66);
        Assert.Contains("already recalibrated today", second["Logs"]!.ToJsonString(), StringComparison.Ordinal);

        // The evaluator switches to the new version without announcing history again; new alerts carry the new version.
        Assert.Null((await h.TickAsync("EvaluateAlerts"))["Error"]);
        Assert.Equal(3, (await h.AlertsAsync()).Count);
        await h.WriteMinutesAsync(1470, 1500, new Bump(1470, 30, 120));
        Assert.Null((await h.TickAsync("EvaluateAlerts"))["Error"]);
        var now = await h.AlertsAsync();
        Assert.Equal(DraftVersion, Assert.Single(now, a => a.OpenedAt > Yesterday.AddMinutes(1470)).Version);

        // Rollback by an OpsAdmin; nobody else may.
        var version = new JsonObject { ["version"] = BaseVersion };
        Assert.Equal(403, (await h.CallAsync("RulesActivate", CxRoles.Auditor, "POST", version)).Status);
        Assert.Equal(403, (await h.CallAsync("RulesActivate", CxRoles.Supervisor, "POST", version)).Status);
        var rollback = await h.CallAsync("RulesActivate", CxRoles.OpsAdmin, "POST", version);
        Assert.Equal(200, rollback.Status);
        Assert.Equal(("activated", DraftVersion), (Str(rollback.Body!, "outcome"), Str(rollback.Body!, "previous")));
        Assert.Equal(200, (await h.CallAsync("RulesActivate", CxRoles.OpsAdmin, "POST", version)).Status);
        Assert.Equal(BaseVersion, Str((await h.CallAsync("RulesList", CxRoles.OpsAdmin, "GET")).Body!, "active"));
        Assert.Equal(404, (await h.CallAsync("RulesActivate", CxRoles.OpsAdmin, "POST", new JsonObject { ["version"] = "9.9" })).Status);
        Assert.Equal(400, (await h.CallAsync("RulesActivate", CxRoles.OpsAdmin, "POST", new JsonObject { ["version"] = "a b" })).Status);
        Assert.Equal(403, (await h.CallAsync("RulesList", CxRoles.Supervisor, "GET")).Status);
    }

    [Fact]
    public async Task A_draft_outside_the_guard_rails_waits_in_the_ops_admin_inbox_and_resolving_the_task_activates_it()
    {
        using var h = await StartAsync(azurite, LargeFalseAlarms);
        await h.TickAsync("EvaluateAlerts");
        await h.LabelAsync(FalseAlarmIfBefore18);

        await h.TickAsync("Recalibrate");
        var listed = (await h.CallAsync("RulesList", CxRoles.OpsAdmin, "GET")).Body!;
        Assert.Equal(BaseVersion, Str(listed, "active"));
        var draft = listed["versions"]!.AsArray().Single(v => Str(v!, "version") == DraftVersion)!;
        Assert.Equal("draft", Str(draft, "status"));
        Assert.Contains("over the 25 % limit", draft["report"]!["guardRailViolations"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var taskId = "task-rules-" + DraftVersion;
        var task = await EventuallyAsync(async () =>
        {
            var (status, body) = await h.CallAsync("TaskGet", CxRoles.OpsAdmin, "GET", new JsonObject { ["id"] = taskId });
            return status == 200 ? body : null;
        });
        Assert.Equal("ops-admins", Str(task!["task"] ?? task, "team"));
        var id = new JsonObject { ["id"] = taskId };
        const string Approve = """{"resolution":"approved after review"}""";
        Assert.Equal(403, (await h.CallAsync("TaskResolve", CxRoles.Supervisor, "POST", id, Approve)).Status);
        Assert.Equal(409, (await h.CallAsync("TaskFalseAlarm", CxRoles.OpsAdmin, "POST", id, """{"reason":"no"}""")).Status);
        Assert.Equal(200, (await h.CallAsync("TaskResolve", CxRoles.OpsAdmin, "POST", id, Approve)).Status);

        var active = await EventuallyAsync(async () =>
        {
            var body = (await h.CallAsync("RulesList", CxRoles.Auditor, "GET")).Body!;
            return Str(body, "active") == DraftVersion ? body : null;
        });
        Assert.Equal("retired", Str(active!["versions"]!.AsArray().Single(v => Str(v!, "version") == BaseVersion)!, "status"));
    }

    [Fact]
    public async Task A_rejected_draft_expires_and_can_no_longer_be_activated()
    {
        using var h = await StartAsync(azurite, LargeFalseAlarms);
        await h.TickAsync("EvaluateAlerts");
        await h.LabelAsync(FalseAlarmIfBefore18);
        await h.TickAsync("Recalibrate");

        var id = new JsonObject { ["id"] = "task-rules-" + DraftVersion };
        await EventuallyAsync(async () => (await h.CallAsync("TaskGet", CxRoles.OpsAdmin, "GET", id)).Status == 200 ? id : null);
        const string Reject = """{"resolution":"reject: the 150 s incident matters more"}""";
        Assert.Equal(200, (await h.CallAsync("TaskResolve", CxRoles.OpsAdmin, "POST", id, Reject)).Status);

        await EventuallyAsync(async () =>
        {
            var body = (await h.CallAsync("RulesList", CxRoles.OpsAdmin, "GET")).Body!;
            var draft = body["versions"]!.AsArray().Single(v => Str(v!, "version") == DraftVersion)!;
            return Str(draft, "status") == "expired" ? body : null;
        });
        var refused = await h.CallAsync("RulesActivate", CxRoles.OpsAdmin, "POST", new JsonObject { ["version"] = DraftVersion });
        Assert.Equal(409, refused.Status);
        Assert.Equal(BaseVersion, Str((await h.CallAsync("RulesList", CxRoles.OpsAdmin, "GET")).Body!, "active"));
    }

    private static string? Str(JsonNode node, string name) => node[name]?.GetValue<string>();

    private static int Int(JsonNode node, string name) => node[name]!.GetValue<int>();

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, int seconds = 60)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not reached in {seconds} s");
            await Task.Delay(250);
        }
    }
}

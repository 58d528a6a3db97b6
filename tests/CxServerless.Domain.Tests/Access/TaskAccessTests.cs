using CxServerless.Domain.Access;

namespace CxServerless.Domain.Tests.Access;

/// <summary>The "Who sees what" table of docs/escalation.md, cell by cell, for a task of team billing assigned to a-1.</summary>
public sealed class TaskAccessTests
{
    private static AccessSubject Who(string role, string? team = "billing", string? userId = "someone-else") =>
        new(new HashSet<string>(StringComparer.Ordinal) { role }, team, userId);

    [Theory]
    //          role          team       user     sees   acts
    [InlineData("Agent", "billing", "a-1", true, true)]
    [InlineData("Agent", "billing", "a-2", false, false)]
    [InlineData("TeamLead", "billing", "l-1", true, true)]
    [InlineData("TeamLead", "tech", "l-2", false, false)]
    [InlineData("TeamLead", "tech", "a-1", true, true)]
    [InlineData("Supervisor", null, "s-1", true, true)]
    [InlineData("OpsAdmin", null, "o-1", true, true)]
    [InlineData("Auditor", null, "x-1", true, false)]
    public void Each_role_sees_and_acts_as_the_table_says(string role, string? team, string user, bool sees, bool acts)
    {
        var who = Who(role, team, user);
        Assert.Equal(sees, TaskAccess.CanSee(who, "billing", "a-1"));
        Assert.Equal(acts, TaskAccess.CanAct(who, "billing", "a-1"));
    }

    [Fact]
    public void Without_a_user_id_nothing_is_ones_own_and_an_auditor_assigned_a_task_still_cannot_act()
    {
        Assert.False(TaskAccess.CanSee(Who("Agent", userId: null), "billing", "a-1"));
        Assert.False(TaskAccess.CanAct(Who("Auditor", userId: "a-1"), "billing", "a-1"));
    }

    [Theory]
    [InlineData("Agent", "own")]
    [InlineData("TeamLead", "team")]
    [InlineData("Auditor", "all")]
    public void Scopes_follow_the_widest_role(string role, string scope) => Assert.Equal(scope, TaskAccess.Scope(Who(role)));
}

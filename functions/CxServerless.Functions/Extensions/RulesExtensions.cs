using CxServerless.Functions.Invocation;
using CxServerless.Functions.Rules;
using CxServerless.Workflows.Approval;

namespace CxServerless.Functions.Extensions;

/// <summary>Wires rules versions: the <c>Recalibrate</c> timer, the rules API and the approval workflow's store access.</summary>
public static class RulesExtensions
{
    /// <summary>
    /// Adds the recalibration, <c>RulesList</c> and <c>RulesActivate</c>. Needs <c>AddAnalytics</c> (the rules store),
    /// <c>AddTaskInbox</c> (false alarms, tasks), the audit trail and the workflows (the Durable Task client).
    /// </summary>
    public static IServiceCollection AddRules(this IServiceCollection services)
    {
        services.AddSingleton<RecalibrationRunner>();
        services.AddSingleton<IRulesDraftDecider, RulesDraftDecider>();
        services.AddSingleton<IFunctionHandler, RecalibrateFunction>();
        services.AddSingleton<IFunctionHandler, RulesListFunction>();
        services.AddSingleton<IFunctionHandler, RulesActivateFunction>();
        return services;
    }
}

using CxServerless.Functions.Extensions;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddCustomHandlerHost();
builder.AddCxTelemetry();
builder.Services.AddOperations();
builder.Services.AddTeamGroups();
builder.Services.AddIngestion();
builder.Services.AddAnalytics();
builder.Services.AddDashboard();
builder.Services.AddEscalation();
builder.Services.AddTaskInbox();
builder.Services.AddEscalationReporting();
builder.Services.AddNotifications(builder.Configuration);
// Before sentiment: the intervention sink records a chat message before the sentiment enqueuer queues its text.
builder.Services.AddInterventions(builder.Configuration);
builder.Services.AddSentiment(builder.Configuration);
builder.AddWorkflows();
builder.Services.AddRetention();
builder.Services.AddPrivacy();
builder.Services.AddRules();
builder.Services.AddFeedback(builder.Configuration);

var app = builder.Build();

// Resolve the catalog now: a function.json without a handler, or a handler without a function.json, stops the process here.
_ = app.Services.GetRequiredService<FunctionCatalog>();

// Load and validate the alert rules now: an invalid rules file stops the process with every error listed.
_ = app.Services.GetRequiredService<CxServerless.Domain.Analytics.Rules.RuleSet>();

// Load and validate the routing file now: an invalid file stops the process with every error listed.
_ = app.Services.GetRequiredService<CxServerless.Functions.Escalation.RosterSource>();

// Load and validate the feedback rules now: an invalid file stops the process with every error listed.
_ = app.Services.GetRequiredService<CxServerless.Domain.Feedback.FeedbackRules>();

// Load and validate the intervention rules now: an invalid file stops the process with every error listed.
_ = app.Services.GetRequiredService<CxServerless.Domain.Interventions.InterventionRules>();

app.MapInvocations();
app.RecordHandlerStart();
app.Run();

/// <summary>The handler's entry point; public so that integration tests can host it.</summary>
public partial class Program;

using Azure.Data.Tables;

namespace CxServerless.Functions.Retention;

/// <summary>The tables the retention sweep walks, as the app's settings name them.</summary>
/// <param name="Events">CxEvents.</param>
/// <param name="Quarantine">Quarantine.</param>
/// <param name="LateEvents">LateEvents.</param>
/// <param name="MetricBuckets">MetricBuckets.</param>
/// <param name="Alerts">Alerts.</param>
/// <param name="Baselines">Baselines.</param>
/// <param name="Tasks">Tasks (task rows and their timelines).</param>
/// <param name="Notifications">Notifications.</param>
/// <param name="Audit">Audit.</param>
/// <param name="FalseAlarms">FalseAlarms.</param>
/// <param name="Handovers">Handovers.</param>
/// <param name="SentimentScores">SentimentScores; null where the app has no sentiment pipeline (the class is then not stored).</param>
/// <param name="FeedbackLoops">The closed feedback loops (null: not stored, reported as such).</param>
/// <param name="FirstContacts">FirstContacts (null: not stored, reported as such).</param>
/// <param name="FeedbackReport">The loops' reporting rows by opening day (null: not stored, reported as such).</param>
/// <param name="Interventions">The Interventions table (null: not stored, reported as such).</param>
/// <param name="CustomerIndex">CustomerIndex.</param>
/// <param name="ErasureRequests">ErasureRequests (requests and their receipts).</param>
public sealed record RetentionTables(
    TableClient Events,
    TableClient Quarantine,
    TableClient LateEvents,
    TableClient MetricBuckets,
    TableClient Alerts,
    TableClient Baselines,
    TableClient Tasks,
    TableClient Notifications,
    TableClient Audit,
    TableClient CustomerIndex,
    TableClient ErasureRequests,
    TableClient FalseAlarms,
    TableClient Handovers,
    TableClient? SentimentScores = null,
    TableClient? FeedbackLoops = null,
    TableClient? FirstContacts = null,
    TableClient? FeedbackReport = null,
    TableClient? Interventions = null);

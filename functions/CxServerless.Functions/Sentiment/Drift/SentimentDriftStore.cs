using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CxServerless.Domain.Sentiment.Drift;

namespace CxServerless.Functions.Sentiment.Drift;

/// <summary>
/// The SentimentDrift table: the history of checks (partition <c>run</c>, RowKey the checked day <c>yyyyMMdd</c>, so a
/// day has one row and a date range is a key range), the baselines (partition <c>baseline</c>, RowKey scorer and model
/// version) and the daily score histograms the population stability index reads (partition <c>histogram</c>, RowKey
/// the day), each written once.
/// </summary>
public sealed class SentimentDriftStore(TableClient table)
{
    private const string Runs = "run";
    private const string Baselines = "baseline";
    private const string Histograms = "histogram";
    private volatile bool _created;

    /// <summary>The table.</summary>
    public TableClient Table => table;

    /// <summary>Creates the table when missing.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    /// <summary>The check of a day, or null when the day was not checked.</summary>
    public async Task<SentimentDriftRun?> GetRunAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Runs, DayKey(day), cancellationToken: cancellationToken);
        return row.HasValue ? ReadRun(row.Value!) : null;
    }

    /// <summary>Stores a day's check unless the day has one; returns the stored check (this one, or the one stored first).</summary>
    public async Task<(SentimentDriftRun Run, bool Added)> AddRunAsync(SentimentDriftRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entity = new TableEntity(Runs, DayKey(run.Day))
        {
            ["CheckedAt"] = run.CheckedAt,
            ["Status"] = run.Status,
            ["Reasons"] = JsonSerializer.Serialize(run.Reasons, SentimentDriftJsonContext.Default.IReadOnlyListString),
            ["Scorer"] = run.Scorer,
            ["ModelVersion"] = run.ModelVersion,
            ["SampleSize"] = run.SampleSize,
            ["FallbackAnswers"] = run.FallbackAnswers,
            ["Accuracy"] = run.Accuracy,
            ["Recall"] = Json(run.Recall),
            ["Baseline"] = run.Baseline is null
                ? null
                : JsonSerializer.Serialize(run.Baseline, SentimentDriftJsonContext.Default.SentimentDriftBaseline),
            ["BaselineStarted"] = run.BaselineStarted,
            ["Psi"] = run.Psi,
            ["DayScores"] = run.DayScores,
            ["TrailingScores"] = run.TrailingScores,
            ["AlertId"] = run.AlertId,
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return (run, true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (await GetRunAsync(run.Day, cancellationToken)
                ?? throw new InvalidOperationException($"The check of {run.Day:yyyy-MM-dd} conflicted but is not stored."), false);
        }
    }

    /// <summary>The checks of the days from <paramref name="from"/> to <paramref name="to"/> (inclusive), newest first.</summary>
    public async Task<IReadOnlyList<SentimentDriftRun>> ListRunsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var runs = new List<SentimentDriftRun>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Runs} and RowKey ge {DayKey(from)} and RowKey le {DayKey(to)}");
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                runs.Add(ReadRun(row));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: no check has run.
        }

        runs.Reverse();
        return runs;
    }

    /// <summary>The baseline of a scorer and model version, or null.</summary>
    public async Task<SentimentDriftBaseline?> GetBaselineAsync(string scorer, string modelVersion, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(
            Baselines, BaselineKey(scorer, modelVersion), cancellationToken: cancellationToken);
        return row.HasValue ? ReadBaseline(row.Value!) : null;
    }

    /// <summary>The most recently set baseline of a scorer (any model version), or null.</summary>
    public async Task<SentimentDriftBaseline?> LatestBaselineAsync(string scorer, CancellationToken cancellationToken)
    {
        SentimentDriftBaseline? latest = null;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Baselines} and Scorer eq {scorer}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (ReadBaseline(row) is { } baseline && (latest is null || baseline.SetOn > latest.SetOn))
            {
                latest = baseline;
            }
        }

        return latest;
    }

    /// <summary>Stores a baseline unless its scorer and model version have one; returns the stored one.</summary>
    public async Task<SentimentDriftBaseline> AddBaselineAsync(SentimentDriftBaseline baseline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var entity = new TableEntity(Baselines, BaselineKey(baseline.Scorer, baseline.ModelVersion))
        {
            ["Scorer"] = baseline.Scorer,
            ["ModelVersion"] = baseline.ModelVersion,
            ["SampleSize"] = baseline.SampleSize,
            ["Accuracy"] = baseline.Accuracy,
            ["Recall"] = Json(baseline.Recall),
            ["SetOn"] = DayKey(baseline.SetOn),
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return baseline;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await GetBaselineAsync(baseline.Scorer, baseline.ModelVersion, cancellationToken) ?? baseline;
        }
    }

    /// <summary>The stored histograms of the days from <paramref name="from"/> to <paramref name="to"/> (inclusive).</summary>
    public async Task<IReadOnlyDictionary<DateOnly, ScoreHistogram>> HistogramsAsync(
        DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var found = new Dictionary<DateOnly, ScoreHistogram>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Histograms} and RowKey ge {DayKey(from)} and RowKey le {DayKey(to)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found[ParseDay(row.RowKey)] = ScoreHistogram.Parse(row.GetString("Counts") ?? string.Empty);
        }

        return found;
    }

    /// <summary>Stores a day's histogram; a day stored already keeps its first histogram.</summary>
    public async Task AddHistogramAsync(DateOnly day, ScoreHistogram histogram, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var entity = new TableEntity(Histograms, DayKey(day)) { ["Counts"] = histogram.Format(), ["Total"] = histogram.Total };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another run stored it first, from the same rows.
        }
    }

    /// <summary>A day's RowKey: <c>yyyyMMdd</c>.</summary>
    public static string DayKey(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string key) => DateOnly.ParseExact(key, "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Scorer and model version as a RowKey: characters a key may not hold (<c>/ \ # ?</c>, controls) become <c>_</c>.</summary>
    private static string BaselineKey(string scorer, string modelVersion)
    {
        var key = new StringBuilder(scorer.Length + modelVersion.Length + 1);
        foreach (var c in $"{scorer}|{modelVersion}")
        {
            key.Append(c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c);
        }

        return key.ToString();
    }

    private static string Json(IReadOnlyDictionary<string, double> recall) =>
        JsonSerializer.Serialize(recall, SentimentDriftJsonContext.Default.IReadOnlyDictionaryStringDouble);

    private static IReadOnlyDictionary<string, double> Recall(TableEntity row, string column) =>
        JsonSerializer.Deserialize(row.GetString(column) ?? "{}", SentimentDriftJsonContext.Default.IReadOnlyDictionaryStringDouble)
            ?? new Dictionary<string, double>();

    private static SentimentDriftBaseline? ReadBaseline(TableEntity row) =>
        row.GetString("SetOn") is { } setOn
            ? new SentimentDriftBaseline(
                row.GetString("Scorer") ?? string.Empty, row.GetString("ModelVersion") ?? string.Empty, row.GetInt32("SampleSize") ?? 0,
                row.GetDouble("Accuracy") ?? 0, Recall(row, "Recall"), ParseDay(setOn))
            : null;

    private static SentimentDriftRun ReadRun(TableEntity row) =>
        new(
            ParseDay(row.RowKey),
            row.GetDateTimeOffset("CheckedAt") ?? default,
            row.GetString("Status") ?? string.Empty,
            JsonSerializer.Deserialize(row.GetString("Reasons") ?? "[]", SentimentDriftJsonContext.Default.IReadOnlyListString) ?? [],
            row.GetString("Scorer") ?? string.Empty,
            row.GetString("ModelVersion"),
            row.GetInt32("SampleSize") ?? 0,
            row.GetInt32("FallbackAnswers") ?? 0,
            row.GetDouble("Accuracy") ?? 0,
            Recall(row, "Recall"),
            row.GetString("Baseline") is { } baseline
                ? JsonSerializer.Deserialize(baseline, SentimentDriftJsonContext.Default.SentimentDriftBaseline)
                : null,
            row.GetBoolean("BaselineStarted") ?? false,
            row.GetDouble("Psi"),
            row.GetInt64("DayScores") ?? 0,
            row.GetInt64("TrailingScores") ?? 0,
            row.GetString("AlertId"));
}

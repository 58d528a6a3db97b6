using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxSim.Detection;
using CxSim.Detection.Quality;

namespace CxServerless.Benchmarks.Detection;

/// <summary>The detection-quality report: Markdown for people and the issue note, JSON for tools.</summary>
internal sealed class DetectionReport(
    Freeze freeze,
    DetectionOptions options,
    IReadOnlyList<RunResult> runs,
    IReadOnlyList<StorageComparison> storage,
    RecalibrationResult? recalibration,
    TimeSpan elapsed)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private IEnumerable<(string Variant, string Generator, QualityFigures Figures)> Rows()
    {
        foreach (var variant in new[] { "shipped", "static" })
        {
            var groups = options.Generators.Select(g => (g, runs.Where(r => r.Run.Generator == g).ToList())).ToList();
            if (options.Generators.Count > 1)
            {
                groups.Add(("all", runs.ToList()));
            }

            foreach (var (generator, list) in groups)
            {
                var scored = list.Select(r => variant == "shipped" ? r.ShippedRun : r.StaticRun);
                yield return (variant, generator, QualityFigures.Of([.. scored]));
            }
        }
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Detection quality, measured independently of tuning").AppendLine();
        md.AppendLine("```").Append(freeze.ToText()).AppendLine("```").AppendLine();
        var p = options.Placement;
        md.AppendLine(string.Create(Inv,
            $"Runs: {runs.Count(r => !r.Run.Steady)} incident runs ({p.WarmUpHours:0.#} h warm-up + {p.ScoredHours:0.#} h scored, "
            + $"{p.IncidentsPerRun} incidents each), {runs.Count(r => r.Run.Steady)} steady runs ({p.WarmUpHours:0.#} h warm-up + "
            + $"{p.SteadyHours:0.#} h scored); generators {string.Join(", ", options.Generators)}; in memory (AlertReplay); "
            + $"wall clock {elapsed.TotalMinutes:F1} min."));
        md.AppendLine();
        md.AppendLine("| variant | generator | incidents detected | recall (95 % CI) | alerts | strict true | strict precision (95 % CI) "
            + "| shared-traffic precision | steady days | false alerts | per steady day (95 % CI) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (variant, generator, f) in Rows())
        {
            var steady = f.SteadyFalseAlerts;
            md.AppendLine(string.Create(Inv,
                $"| {variant} | {generator} | {f.Recall.Successes}/{f.Recall.Trials} | {Ci(f.Recall)} | {f.StrictPrecision.Trials} | "
                + $"{f.StrictPrecision.Successes} | {Ci(f.StrictPrecision)} | {Ci(f.SharedPrecision)} | "
                + $"{(steady is null ? "-" : steady.Exposure.ToString("0.#", Inv))} | {steady?.Count.ToString(Inv) ?? "-"} | "
                + $"{(steady is null ? "-" : $"{steady.Rate:F2} ({steady.Low:F2}–{steady.High:F2})")} |"));
        }

        md.AppendLine().AppendLine("Recall by strength (multiple of the generator's default effect; 1 = default):").AppendLine();
        var strengths = runs.SelectMany(r => r.Run.Incidents).Select(i => i.Strength).Distinct().Order().ToList();
        md.AppendLine("| variant | generator | " + string.Join(" | ", strengths.Select(s => s.ToString("0.#", Inv) + "×")) + " |");
        md.AppendLine("|---|---|" + string.Concat(strengths.Select(_ => "---|")));
        foreach (var (variant, generator, f) in Rows())
        {
            md.AppendLine($"| {variant} | {generator} | "
                + string.Join(" | ", strengths.Select(s => f.RecallByStrength.TryGetValue(s, out var w) ? Cell(w) : "-")) + " |");
        }

        md.AppendLine().AppendLine("Recall by incident kind:").AppendLine();
        md.AppendLine("| kind | shipped | static |").AppendLine("|---|---|---|");
        var all = Rows().Where(r => r.Generator == (options.Generators.Count > 1 ? "all" : options.Generators[0])).ToList();
        foreach (var kind in all[0].Figures.RecallByKind.Keys)
        {
            md.AppendLine($"| {kind} | {Cell(all[0].Figures.RecallByKind[kind])} | {Cell(all[1].Figures.RecallByKind[kind])} |");
        }

        foreach (var (variant, _, f) in all)
        {
            md.AppendLine().AppendLine($"Per KPI, {variant}: missed incidents (primary KPI of the label) "
                + $"{Counts(f.MissedByKpi)}; alerts of incident runs not containing an incident's slice {Counts(f.StrictFalseByKpi)}; "
                + $"steady-day alerts {Counts(f.SteadyFalseByKpi)}.");
        }

        AppendStorage(md);
        AppendRecalibration(md);
        AppendIncidents(md);
        AppendFalseAlerts(md);
        return md.ToString();
    }

    private void AppendStorage(StringBuilder md)
    {
        md.AppendLine().AppendLine("## Storage path (real AnalyticsWriter, KpiReadModel and EvaluateAlertsFunction on Azurite, restarts)")
            .AppendLine();
        if (storage.Count == 0)
        {
            md.AppendLine("Not run (`--storage 0`).");
            return;
        }

        md.AppendLine("| run | passes | restarts | minutes | alerts both | only storage | only memory "
            + "| storage: detected, strict true/alerts | memory: detected, strict true/alerts |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var s in storage)
        {
            md.AppendLine(string.Create(Inv,
                $"| {s.Run.Id} | {s.Passes} | {s.Restarts.Count} | {s.Seconds / 60:F1} | {s.Both.Count} | {s.OnlyStorage.Count} | "
                + $"{s.OnlyMemory.Count} | {Short(s.Storage)} | {Short(s.Memory)} |"));
        }

        foreach (var s in storage)
        {
            var restarts = string.Join(", ", s.Restarts.Select(r => r.ToString("MM-dd HH:mm", Inv)));
            md.AppendLine().AppendLine($"{s.Run.Id}: restarts at {restarts}. "
                + $"Only storage: {None(s.OnlyStorage)}. Only memory: {None(s.OnlyMemory)}.");
        }
    }

    private void AppendRecalibration(StringBuilder md)
    {
        md.AppendLine().AppendLine("## Recalibration at work").AppendLine();
        if (recalibration is not { } r)
        {
            md.AppendLine("Not run (`--no-recalibration`).");
            return;
        }

        var flagged = r.Fired.Count(a => a.Label == CxServerless.Domain.Analytics.Recalibration.AlertLabel.FalseAlarm);
        md.AppendLine(string.Create(Inv,
            $"Mis-set rules: `{RecalibrationAtWork.RuleId}` static limits × {RecalibrationAtWork.Factor} (sha256 {r.MisSetHash}). "
            + $"Run {r.Run.Id} (independent, seed {RecalibrationAtWork.Seed}): recalibrated on {r.Run.ScoredFrom:yyyy-MM-dd HH:mm}–"
            + $"{r.HeldOutFrom:yyyy-MM-dd HH:mm} UTC, {r.Fired.Count} alerts of which {flagged} flagged false from the labels; held out "
            + $"{r.HeldOutFrom:yyyy-MM-dd HH:mm}–{r.Run.End:yyyy-MM-dd HH:mm} UTC."));
        md.AppendLine();
        foreach (var rule in r.Proposal.Rules)
        {
            md.AppendLine(string.Create(Inv, $"- `{rule.RuleId}`: {rule.Alerts} fired, {rule.FalseAlarms} flagged: {rule.Note}"));
            foreach (var c in rule.Changes)
            {
                md.AppendLine(string.Create(Inv, $"  - detector {c.Detector} ({c.Type}) {c.Field}: {c.From:0.###} → {c.To:0.###}"));
            }

            if (rule.Backtest is { } b)
            {
                md.AppendLine(string.Create(Inv,
                    $"  - backtest: fired {b.DidFire}, active replay {b.ActiveWouldFire}, draft {b.WouldFire}; false alarms avoided "
                    + $"{b.FalseAlarmsAvoided}/{b.FalseAlarms}, confirmed kept {b.ConfirmedKept}/{b.Confirmed}"));
            }
        }

        md.AppendLine().AppendLine(r.Proposal.HasDraft
            ? $"Draft {r.Proposal.DraftVersion}: within guard rails {r.Proposal.WithinGuardRails}"
                + (r.Proposal.WithinGuardRails
                    ? " (activated at once)."
                    : $" (needs approval: {string.Join("; ", r.Proposal.GuardRailViolations)}).")
            : "No draft.");
        md.AppendLine().AppendLine("| held-out day | alerts | strict precision (95 % CI) | shared precision | "
            + $"`{RecalibrationAtWork.RuleId}` alerts, false | recall |");
        md.AppendLine("|---|---|---|---|---|---|");
        void Row(string name, ScoredRun run)
        {
            var f = QualityFigures.Of([run]);
            var own = run.Score.Alerts.Where(a => a.Alert.RuleId == RecalibrationAtWork.RuleId).ToList();
            md.AppendLine(string.Create(Inv,
                $"| {name} | {f.StrictPrecision.Trials} | {Ci(f.StrictPrecision)} | {Ci(f.SharedPrecision)} | "
                + $"{own.Count}, {own.Count(a => a.IsFalse)} | {f.Recall.Successes}/{f.Recall.Trials} |"));
        }

        Row("before (mis-set)", r.Before);
        if (r.After is { } after)
        {
            Row("after one recalibration", after);
        }
    }

    private void AppendIncidents(StringBuilder md)
    {
        md.AppendLine().AppendLine("## Every incident").AppendLine();
        md.AppendLine("| run | kind | slice | strength | start (UTC) | min | shipped: detected by | static |")
            .AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in runs.Where(r => !r.Run.Steady))
        {
            for (var i = 0; i < r.Run.Incidents.Count; i++)
            {
                var planned = r.Run.Incidents[i];
                var shipped = r.Shipped.Incidents[i];
                var by = shipped.Alert is { } a
                    ? string.Create(Inv, $"{a.RuleId} {a.Slice} ({a.Detector}, +{shipped.OpenDelay!.Value.TotalMinutes:0} min)")
                    : "MISSED";
                md.AppendLine(string.Create(Inv,
                    $"| {r.Run.Id} | {planned.Kind} | {planned.SliceText} | {planned.Strength:0.#} | {planned.Start:ddd HH:mm} | "
                    + $"{(planned.End - planned.Start).TotalMinutes:0} | "
                    + $"{by} | "
                    + $"{(r.Static.Incidents[i].Detected ? "yes" : "MISSED")} |"));
            }
        }
    }

    private void AppendFalseAlerts(StringBuilder md)
    {
        md.AppendLine().AppendLine("## Shipped rules: alerts counted false under the strict reading").AppendLine();
        md.AppendLine("| run | opened (UTC) | rule | slice | detector | shares an incident's traffic | value |")
            .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in runs)
        {
            foreach (var a in r.Shipped.Alerts.Where(a => !a.ContainsIncident))
            {
                md.AppendLine(string.Create(Inv,
                    $"| {r.Run.Id} | {a.Alert.OpenedAt:ddd HH:mm} | {a.Alert.RuleId} | {a.Alert.Slice} | {a.Alert.Detector} | "
                    + $"{(a.IsFalse ? "no" : "yes: " + a.Incident!.Kind)} | {a.Alert.OpeningValue:0.##} |"));
            }
        }
    }

    public string ToJson()
    {
        var json = new JsonObject
        {
            ["command"] = freeze.Command,
            ["rules"] = new JsonObject { ["path"] = freeze.RulesPath, ["version"] = freeze.RulesVersion, ["sha256"] = freeze.RulesSha256 },
            ["staticBaselineSha256"] = freeze.StaticSha256,
            ["planSha256"] = freeze.PlanSha256,
            ["elapsedMinutes"] = Math.Round(elapsed.TotalMinutes, 1),
        };
        var rows = new JsonArray();
        foreach (var (variant, generator, f) in Rows())
        {
            rows.Add(new JsonObject
            {
                ["variant"] = variant,
                ["generator"] = generator,
                ["recall"] = Node(f.Recall),
                ["strictPrecision"] = Node(f.StrictPrecision),
                ["sharedPrecision"] = Node(f.SharedPrecision),
                ["recallByStrength"] = new JsonObject(f.RecallByStrength.Select(
                    kv => KeyValuePair.Create(kv.Key.ToString("0.#", Inv), (JsonNode?)Node(kv.Value)))),
                ["steadyDays"] = f.SteadyFalseAlerts?.Exposure,
                ["steadyFalseAlerts"] = f.SteadyFalseAlerts?.Count,
                ["steadyFalseAlertsPerDay"] = f.SteadyFalseAlerts is { } s
                    ? new JsonObject { ["rate"] = s.Rate, ["low"] = s.Low, ["high"] = s.High } : null,
            });
        }

        json["figures"] = rows;
        json["storage"] = new JsonArray([.. storage.Select(s => (JsonNode)new JsonObject
        {
            ["run"] = s.Run.Id,
            ["passes"] = s.Passes,
            ["restarts"] = s.Restarts.Count,
            ["both"] = s.Both.Count,
            ["onlyStorage"] = s.OnlyStorage.Count,
            ["onlyMemory"] = s.OnlyMemory.Count,
        })]);
        if (recalibration is { } r)
        {
            json["recalibration"] = new JsonObject
            {
                ["draft"] = r.Proposal.DraftVersion,
                ["hasDraft"] = r.Proposal.HasDraft,
                ["withinGuardRails"] = r.Proposal.WithinGuardRails,
                ["before"] = Node(QualityFigures.Of([r.Before]).StrictPrecision),
                ["after"] = r.After is null ? null : Node(QualityFigures.Of([r.After]).StrictPrecision),
            };
        }

        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Node(WilsonInterval w) => new()
    {
        ["successes"] = w.Successes,
        ["trials"] = w.Trials,
        ["value"] = w.Trials == 0 ? null : Math.Round(w.Proportion, 4),
        ["low"] = Math.Round(w.Low, 4),
        ["high"] = Math.Round(w.High, 4),
    };

    private static string Ci(WilsonInterval w) =>
        w.Trials == 0 ? "-" : string.Create(Inv, $"{w.Proportion:F3} ({w.Low:F3}–{w.High:F3})");

    private static string Cell(WilsonInterval w) =>
        string.Create(Inv, $"{w.Successes}/{w.Trials} ({(w.Trials == 0 ? double.NaN : w.Proportion):F2}, {w.Low:F2}–{w.High:F2})");

    private static string Counts(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"));

    private static string None(IReadOnlyList<string> keys) => keys.Count == 0 ? "none" : string.Join("; ", keys);

    private static string Short(DetectionScore s) => string.Create(Inv,
        $"{s.Incidents.Count(i => i.Detected)}/{s.Incidents.Count}, {s.Alerts.Count(a => a.ContainsIncident)}/{s.Alerts.Count}");
}

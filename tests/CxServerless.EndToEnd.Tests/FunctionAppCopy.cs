using System.Text.Json.Nodes;

namespace CxServerless.EndToEnd.Tests;

/// <summary>The product's function app as the end-to-end tests run it under cx-host.</summary>
internal static class FunctionAppCopy
{
    /// <summary>
    /// Copies the product's function app (host.json, every function.json, the local sample as local.settings.json) into a
    /// temporary folder with its timer functions disabled: the heartbeat timer would otherwise leave a heartbeat in the
    /// shared Azurite that later turns stale and makes other tests' health checks answer 503.
    /// </summary>
    /// <param name="root">The repository root.</param>
    /// <returns>The copy's folder; the caller deletes it.</returns>
    public static string WithoutTimers(string root)
    {
        var source = Path.Combine(root, "functions");
        var target = Directory.CreateTempSubdirectory("cx-e2e-app-").FullName;
        File.Copy(Path.Combine(source, "host.json"), Path.Combine(target, "host.json"));
        File.Copy(Path.Combine(root, "local.settings.sample.json"), Path.Combine(target, "local.settings.json"));
        foreach (var folder in Directory.EnumerateDirectories(source).Where(d => File.Exists(Path.Combine(d, "function.json"))))
        {
            var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "function.json")))!.AsObject();
            if (definition["bindings"]!.AsArray().Any(b => b?["type"]?.GetValue<string>() == "timerTrigger"))
            {
                definition["disabled"] = true;
            }

            var copy = Directory.CreateDirectory(Path.Combine(target, Path.GetFileName(folder)));
            File.WriteAllText(Path.Combine(copy.FullName, "function.json"), definition.ToJsonString());
        }

        return target;
    }

    /// <summary>A copy as <see cref="WithoutTimers"/> makes it, with the named timers enabled again (a timer test's app).</summary>
    /// <param name="root">The repository root.</param>
    /// <param name="timers">The timer functions to keep enabled.</param>
    /// <returns>The copy's folder.</returns>
    public static string WithOnlyTimers(string root, params string[] timers)
    {
        ArgumentNullException.ThrowIfNull(timers);
        var target = WithoutTimers(root);
        foreach (var timer in timers)
        {
            var path = Path.Combine(target, timer, "function.json");
            var definition = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            definition.Remove("disabled");
            File.WriteAllText(path, definition.ToJsonString());
        }

        return target;
    }

    /// <summary>The handler assembly built in the same configuration as the tests.</summary>
    /// <param name="root">The repository root.</param>
    /// <returns>The path of CxServerless.Functions.dll.</returns>
    public static string HandlerAssembly(string root)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(root, "functions", "CxServerless.Functions", "bin", configuration, "net10.0", "CxServerless.Functions.dll");
    }
}

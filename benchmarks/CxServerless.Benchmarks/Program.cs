using System.Reflection;
using BenchmarkDotNet.Running;
using CxServerless.Benchmarks;

// `./cx bench` lists what there is; `./cx bench <harness>` runs a load harness; anything else goes to BenchmarkDotNet
// (for example `./cx bench --filter '*Ingestion*'`).
var harnesses = typeof(ILoadHarness).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILoadHarness).IsAssignableFrom(t))
    .Select(t => (ILoadHarness)Activator.CreateInstance(t)!)
    .OrderBy(h => h.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length > 0 && harnesses.FirstOrDefault(h => h.Name == args[0]) is { } harness)
{
    return await harness.RunAsync(args[1..]);
}

if (args.Length == 0)
{
    Console.WriteLine("Load harnesses (./cx bench <name>):");
    foreach (var h in harnesses)
    {
        Console.WriteLine($"  {h.Name,-24} {h.Description}");
    }

    Console.WriteLine("BenchmarkDotNet suites: ./cx bench --list flat | --filter '<pattern>'");
    return 0;
}

BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
return 0;

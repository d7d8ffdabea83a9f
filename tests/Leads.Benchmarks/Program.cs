using BenchmarkDotNet.Running;
using Leads.Benchmarks;

// dotnet pwsh ./build.ps1 bench -Micro [BenchmarkDotNet arguments, e.g. --filter '*Codec*' --job short]
// dotnet run -c Release --project tests/Leads.Benchmarks -- serve <port>   (HTTP side-by-side host for wrk)
if (args.Length > 0 && args[0] == "serve")
{
    await SideBySideHost.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5099);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point of the benchmarks.</summary>
public partial class Program;

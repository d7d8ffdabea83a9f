using BenchmarkDotNet.Running;

// dotnet pwsh ./build.ps1 bench [-- BenchmarkDotNet arguments, e.g. --filter '*Codec*' --job short]
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point of the benchmarks.</summary>
public partial class Program;

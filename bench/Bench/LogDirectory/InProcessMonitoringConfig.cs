using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Bench.LogDirectory;

/// <summary>
/// One measured invocation per iteration (these operations take milliseconds to seconds and touch the file
/// system), run inside the benchmark process: the out-of-process toolchain rebuilds the Ingestor's dependency
/// graph for every run, which takes minutes on a busy two-core machine and adds nothing to I/O-bound numbers.
/// </summary>
public abstract class InProcessMonitoringConfig : ManualConfig
{
    protected InProcessMonitoringConfig(int iterations)
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(Math.Min(3, iterations / 5 + 1))
            .WithIterationCount(iterations)
            .WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

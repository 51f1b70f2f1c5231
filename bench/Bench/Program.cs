using System.Globalization;
using Bench.Footprint;
using Bench.Streaming;
using BenchmarkDotNet.Running;

// Scenarios against real servers take a verb; everything else goes to BenchmarkDotNet's switcher, which finds every
// benchmark class in this assembly (pick with --filter, e.g. '*Decimation*'; list with --list flat).
switch (args.FirstOrDefault())
{
    case "fanout":
        await FanOutScenario.RunAsync(
            clients: IntArgument(args, 1, 1000),
            deltasPerSecond: IntArgument(args, 2, 10),
            duration: TimeSpan.FromSeconds(IntArgument(args, 3, 30)),
            doublings: args.Length > 4 && args[4] == "doublings");
        break;
    case "soak":
        await SoakScenario.RunAsync(
            clients: IntArgument(args, 1, 1000),
            minutes: IntArgument(args, 2, 10),
            stepsPerSecond: IntArgument(args, 3, 10));
        break;
    case "feed":
        await FeedScenario.RunAsync(args[1], IntArgument(args, 2, 10), TimeSpan.FromSeconds(IntArgument(args, 3, 30)), doublings: args.Length > 4 && args[4] == "doublings");
        break;
    case "logdir-latency":
        await FileToBrowserScenario.RunAsync(
            samples: IntArgument(args, 1, 50),
            fileSystemEvents: args.Length <= 2 || args[2] != "rescan-only",
            rescanInterval: TimeSpan.FromMilliseconds(IntArgument(args, 3, 2000)));
        break;
    case "footprint":
        await FootprintScenario.RunAsync(
            timesteps: IntArgument(args, 1, 10_000),
            batches: IntArgument(args, 2, 100),
            freshnessSamples: IntArgument(args, 3, 20),
            idleWindow: TimeSpan.FromSeconds(IntArgument(args, 4, 30)));
        break;
    case "latency":
        await InsertToBrowserScenario.RunAsync(
            samples: IntArgument(args, 1, 100),
            spacing: TimeSpan.FromMilliseconds(IntArgument(args, 2, 100)));
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(FanOutScenario).Assembly).Run(args);
        break;
}

static int IntArgument(string[] args, int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

using Contracts.Wire;

namespace StreamApi.Runs;

public sealed record RunsResponse(RunMeta[] Runs);

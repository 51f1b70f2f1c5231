using AppHost.Hosting;
using Microsoft.Extensions.Hosting;

namespace AppHost.Orchestration;

/// <summary>What run-mode wiring needs beyond the model: the bound front endpoints, the options, the environment.</summary>
public sealed record RunContext(IReadOnlyDictionary<string, FrontEndpoint> Fronts, AppHostOptions Options, IHostEnvironment HostEnvironment);

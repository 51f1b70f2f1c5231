using System.Text.Json;
using System.Text.Json.Serialization;
using Contracts.Redis;
using Contracts.Wire;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using ServiceDefaults.Redis;
using StreamApi.Checkpoints;
using StreamApi.History;
using StreamApi.Json;
using StreamApi.Milestones;
using StreamApi.Runs;
using StreamApi.Streaming;
using StreamApi.Telemetry;
using StreamApi.TrainingMetrics;

namespace Microsoft.Extensions.Hosting;

public static class StreamApiServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddStreamApi(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        var services = builder.Services;
        services.AddSingleton<StreamApiMetrics>();
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestLineSize = StreamFilter.MaxRequestLineBytes);
        services.ConfigureHttpJsonOptions(json =>
        {
            // The same conventions as the wire contract (the contexts' own settings do not carry over to these options).
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            // A context's own converters do not reach options it only resolves types for.
            json.SerializerOptions.Converters.Add(new UtcMillisecondsConverter());
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, StreamApiJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(1, WireJsonContext.Default);
        });

        services.AddSettings<RedisLayoutOptions>(RedisLayoutOptions.SectionName);
        services.AddSettings<StreamOptions>(StreamOptions.SectionName);
        services.AddSingleton(provider => new RedisKeys(provider.GetRequiredService<IOptions<RedisLayoutOptions>>().Value.KeyPrefix));
        services.AddSingleton(provider => new RecentMessages(provider.GetRequiredService<IOptions<StreamOptions>>().Value.RecentMessages));
        services.AddSingleton(provider => new FilteredViewCache(provider.GetRequiredService<IOptions<StreamOptions>>().Value.FilteredViewCacheBytes));
        services.AddSingleton<MessageHub>();
        services.AddHostedService(provider => provider.GetRequiredService<MessageHub>());
        services.AddSingleton<ReplaySource>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<StreamSession>();
        services.AddSingleton<RunCatalog>();
        services.AddSingleton<HistoryFailures>();
        services.AddSingleton<MetricHistoryService>();
        services.AddSingleton<CheckpointService>();
        services.AddSingleton<MilestoneService>();
        builder.AddClickHouseHistory();
        builder.AddLossAnalytics();
        return builder;
    }
}

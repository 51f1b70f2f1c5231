using Contracts.Redis;
using Ingestor.Publishing;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class PublishingServiceCollectionExtensions
{
    public static IServiceCollection AddRedisPublishing(this IServiceCollection services)
    {
        services.AddSettings<RedisLayoutOptions>(RedisLayoutOptions.SectionName);
        services.AddSettings<PublishingOptions>(PublishingOptions.SectionName);
        services.AddSingleton(provider => new RedisKeys(provider.GetRequiredService<IOptions<RedisLayoutOptions>>().Value.KeyPrefix));
        services.AddSingleton<WriterLease>();
        services.AddHostedService(provider => provider.GetRequiredService<WriterLease>());
        services.AddSingleton<SequencedWriter>();
        services.AddSingleton<SnapshotWriter>();
        services.AddSingleton<PublisherStatus>();
        services.AddHostedService<RedisPublisherService>();
        services.AddHealthChecks().AddCheck<PublisherHealthCheck>("publisher");
        return services;
    }
}

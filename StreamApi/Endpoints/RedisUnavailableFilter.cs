using StackExchange.Redis;

namespace StreamApi.Endpoints;

/// <summary>Turns a Redis outage into 503 problem details: the data is not gone, only unreachable.</summary>
public sealed class RedisUnavailableFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return TypedResults.Problem(
                title: "Redis is not reachable",
                detail: exception.Message,
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace AppHost.Tests.Support;

/// <summary>The real AppHost model through Aspire.Hosting.Testing, whole or cut down to the resources a test is about.</summary>
internal static class AspireApp
{
    /// <param name="dataDirectory">AppHost's data directory, one per test.</param>
    /// <param name="only">The resources to keep (with the parameters and the rebuilders of kept projects); null keeps all.</param>
    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync(string dataDirectory, IEnumerable<string> args, string[]? only,
        CancellationToken cancellationToken)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--AppHost:DataDirectory={dataDirectory}", .. args], cancellationToken);
        if (only is not null)
        {
            foreach (var resource in builder.Resources.Where(r => !Keep(r, only)).ToList())
            {
                builder.Resources.Remove(resource);
            }
        }
        return builder;
    }

    private static bool Keep(IResource resource, string[] only) =>
        resource is ParameterResource || only.Contains(resource.Name) || only.Any(name => resource.Name == $"{name}-rebuilder");
}

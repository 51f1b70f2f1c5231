using Microsoft.Extensions.Options;

namespace AppHost.Hosting;

/// <summary>Main's body: build the graph, run or publish it, and turn a bad setting into a message and an exit code.</summary>
public static class AppHostEntryPoint
{
    public const int ConfigurationError = 2;

    public static async Task<int> RunAsync<TDefinition>(string[] args) where TDefinition : IDistributedApplicationDefinition
    {
        DistributedApplication app;
        try
        {
            var builder = DistributedApplication.CreateBuilder(args);
            TDefinition.DefineResources(builder);
            app = builder.Build();
        }
        catch (Exception exception) when (exception is OptionsValidationException or ArgumentException or InvalidOperationException)
        {
            var failures = exception is OptionsValidationException validation ? validation.Failures : [exception.Message];
            await Console.Error.WriteLineAsync("AppHost cannot start:");
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync($"  {failure}");
            }
            await Console.Error.WriteLineAsync("See docs/configuration.md (AppHost).");
            return ConfigurationError;
        }

        await using (app)
        {
            await app.RunAsync();
            if (app.ExecutionContext.IsPublishMode)
            {
                Console.WriteLine($"Wrote {app.ExecutionContext.Publisher} files to {app.ExecutionContext.PublishOutput}");
            }
        }
        return 0;
    }
}

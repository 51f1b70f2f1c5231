using AppHost.Model;
using AppHost.Processes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AppHost.Hosting;

/// <summary>
/// Collects the resources of the system (Aspire's <c>IDistributedApplicationBuilder</c>). The same graph is run on
/// this machine or published as deployment files, depending on <see cref="ExecutionContext"/>.
/// </summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> resources = [];

    internal DistributedApplicationBuilder(string[] args, Action<IConfigurationBuilder>? configure, ConsoleOutput? output)
    {
        var (executionContext, configurationArgs) = ExecutionContext.Parse(args);
        ExecutionContext = executionContext;
        Host = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationArgs,
            ApplicationName = "AppHost",
            // appsettings.json sits beside the assembly, wherever `dotnet run --project AppHost` is typed.
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(Host.Configuration);
        Output = output ?? ConsoleOutput.ForConsole();

        Options = Host.Configuration.GetSection(AppHostOptions.SectionName).Get<AppHostOptions>() ?? new AppHostOptions();
        var validation = new AppHostOptionsValidator(Host.Configuration).Validate(Options.GetType().Name, Options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(AppHostOptions.SectionName, typeof(AppHostOptions), validation.Failures);
        }
        Options.DataDirectory = Path.GetFullPath(Options.DataDirectory);
    }

    public HostApplicationBuilder Host { get; }

    public IConfigurationManager Configuration => Host.Configuration;

    public IHostEnvironment Environment => Host.Environment;

    public IServiceCollection Services => Host.Services;

    public ExecutionContext ExecutionContext { get; }

    public AppHostOptions Options { get; }

    public ConsoleOutput Output { get; }

    public IReadOnlyList<Resource> Resources => resources;

    public ResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"There is already a resource named '{resource.Name}'.");
        }
        resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build() => DistributedApplicationFactory.Build(this);
}

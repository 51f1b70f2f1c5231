using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>
/// YARP starts happily with no routes and then answers 404 to everything; a gateway without its routes is
/// a configuration mistake, so say so at start.
/// </summary>
public sealed class ReverseProxyConfigurationValidator(IConfiguration configuration) : IValidateOptions<GatewayOptions>
{
    public const string SectionName = "ReverseProxy";

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var section = configuration.GetSection(SectionName);
        var errors = new List<string>();
        if (!section.GetSection("Routes").GetChildren().Any())
        {
            errors.Add($"{SectionName}__Routes is empty: the gateway needs its routes (see appsettings.json).");
        }
        if (!section.GetSection("Clusters").GetChildren().Any())
        {
            errors.Add($"{SectionName}__Clusters is empty: the gateway needs its clusters (see appsettings.json).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

using System.Text.Json;
using AppHost.Model;

namespace AppHost.Publishing;

/// <summary>
/// Writes <c>aspire-manifest.json</c> as Aspire's <c>--publisher manifest</c> would for the same graph, so tools
/// that read Aspire manifests (Aspir8, azd) can deploy it: <c>project.v0</c> per project, Redis as
/// <c>container.v0</c> with a generated secret password parameter, ClickHouse as a secret connection-string parameter.
/// </summary>
public static class AspireManifestPublisher
{
    public const string FileName = "aspire-manifest.json";

    public static async Task WriteAsync(IReadOnlyList<Resource> resources, string outputDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        await using var stream = File.Create(Path.Combine(outputDirectory, FileName));
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/aspire-8.0.json");
        json.WriteStartObject("resources");
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case RedisResource redis:
                    WriteRedis(json, redis);
                    break;
                case ClickHouseResource clickhouse:
                    WriteConnectionStringParameter(json, clickhouse.Name);
                    break;
                case ProjectResource project:
                    WriteProject(json, project, outputDirectory);
                    break;
            }
        }
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteRedis(Utf8JsonWriter json, RedisResource redis)
    {
        var password = $"{redis.Name}-password";
        json.WriteStartObject(redis.Name);
        json.WriteString("type", "container.v0");
        json.WriteString("connectionString", $"{{{redis.Name}.bindings.tcp.host}}:{{{redis.Name}.bindings.tcp.port}},password={{{password}.value}}");
        json.WriteString("image", "docker.io/library/redis:7.4");
        json.WriteString("entrypoint", "/bin/sh");
        json.WriteStartArray("args");
        json.WriteStringValue("-c");
        json.WriteStringValue("redis-server --requirepass $REDIS_PASSWORD");
        json.WriteEndArray();
        json.WriteStartObject("env");
        json.WriteString("REDIS_PASSWORD", $"{{{password}.value}}");
        json.WriteEndObject();
        json.WriteStartObject("bindings");
        json.WriteStartObject("tcp");
        json.WriteString("scheme", "tcp");
        json.WriteString("protocol", "tcp");
        json.WriteString("transport", "tcp");
        json.WriteNumber("targetPort", RedisResource.DefaultPort);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject(password);
        json.WriteString("type", "parameter.v0");
        json.WriteString("value", $"{{{password}.inputs.value}}");
        json.WriteStartObject("inputs");
        json.WriteStartObject("value");
        json.WriteString("type", "string");
        json.WriteBoolean("secret", true);
        json.WriteStartObject("default");
        json.WriteStartObject("generate");
        json.WriteNumber("minLength", 22);
        json.WriteBoolean("special", false);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteConnectionStringParameter(Utf8JsonWriter json, string name)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "parameter.v0");
        json.WriteString("connectionString", $"{{{name}.value}}");
        json.WriteString("value", $"{{{name}.inputs.value}}");
        json.WriteStartObject("inputs");
        json.WriteStartObject("value");
        json.WriteString("type", "string");
        json.WriteBoolean("secret", true);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteProject(Utf8JsonWriter json, ProjectResource project, string outputDirectory)
    {
        json.WriteStartObject(project.Name);
        json.WriteString("type", "project.v0");
        json.WriteString("path", Path.GetRelativePath(outputDirectory, project.Metadata.ProjectPath).Replace('\\', '/'));
        json.WriteStartObject("env");
        json.WriteString("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES", "true");
        json.WriteString("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES", "true");
        json.WriteString("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY", "in_memory");
        json.WriteString("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true");
        json.WriteString("HTTP_PORTS", $"{{{project.Name}.bindings.http.targetPort}}");
        foreach (var reference in project.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString:
                    json.WriteString(PublishEnvironment.SecretKeyFor(reference.Name), $"{{{reference.Name}.connectionString}}");
                    break;
                case ProjectResource:
                    json.WriteString($"services__{reference.Name}__http__0", $"{{{reference.Name}.bindings.http.url}}");
                    break;
            }
        }
        foreach (var variable in project.Environment.Where(v => !v.RunModeOnly))
        {
            json.WriteString(variable.Name, variable.Value());
        }
        json.WriteEndObject();
        json.WriteStartObject("bindings");
        json.WriteStartObject(HttpEndpoint.Name);
        json.WriteString("scheme", "http");
        json.WriteString("protocol", "tcp");
        json.WriteString("transport", "http");
        if (project.Endpoint.IsExternal)
        {
            json.WriteBoolean("external", true);
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

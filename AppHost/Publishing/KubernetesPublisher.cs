using System.Text;
using AppHost.Hosting;
using AppHost.Model;
using k8s;

namespace AppHost.Publishing;

/// <summary>
/// Writes the graph as Kubernetes manifests: one file per resource and a kustomization.yaml that lists them and names
/// the images, so <c>kubectl apply -k DIR</c> deploys it. Connection strings are only ever referenced from the
/// operator's Secret; the command that creates it is written as a comment, with placeholders.
/// </summary>
public static class KubernetesPublisher
{
    public const string KustomizationFile = "kustomization.yaml";

    public static async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<Resource> resources, PublishOptions options, string outputDirectory,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        List<string> files = [];
        foreach (var resource in resources)
        {
            var objects = resource switch
            {
                RedisResource redis when options.RedisStatefulSet => RedisManifests.Create(redis, options),
                ProjectResource project => ProjectManifests.Create(project, options),
                _ => [],
            };
            var documents = objects.Select(KubernetesYaml.Serialize).Select(d => d.EndsWith('\n') ? d : d + "\n").ToArray();
            if (documents.Length == 0)
            {
                continue;
            }
            var file = $"{resource.Name}.yaml";
            await File.WriteAllTextAsync(Path.Combine(outputDirectory, file), string.Join("---\n", documents), cancellationToken);
            files.Add(file);
        }
        var images = resources.OfType<ProjectResource>().Select(p => ProjectManifests.ImageNameFor(p, options)).ToArray();
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, KustomizationFile), Kustomization(files, images, options, resources), cancellationToken);
        files.Add(KustomizationFile);
        return files;
    }

    private static string Kustomization(IEnumerable<string> files, IEnumerable<string> images, PublishOptions options, IReadOnlyList<Resource> resources)
    {
        var text = new StringBuilder();
        text.Append("""
            # Written by AppHost from its resource graph:
            #   dotnet run --project AppHost -- publish --output deploy/k8s
            # Every connection string comes from a Secret the operator creates; none is written here.
            # Create it once per namespace before `kubectl apply -k .` (see docs/deploy.md), for example:
            #

            """);
        var statefulRedis = options.RedisStatefulSet && resources.OfType<RedisResource>().Any();
        if (statefulRedis)
        {
            text.Append("#   REDIS_PASSWORD=\"$(openssl rand -hex 24)\"\n");
        }
        text.Append($"#   kubectl create secret generic {options.SecretName} \\\n");
        if (statefulRedis)
        {
            text.Append($"#     --from-literal={RedisManifests.PasswordKey}=\"$REDIS_PASSWORD\" \\\n");
            text.Append($"#     --from-literal={PublishEnvironment.SecretKeyFor("redis")}=\"redis:{RedisResource.DefaultPort},password=$REDIS_PASSWORD\" \\\n");
        }
        else
        {
            text.Append($"#     --from-literal={PublishEnvironment.SecretKeyFor("redis")}=\"<managed-redis-host>:6380,password=<password>,ssl=true\" \\\n");
        }
        text.Append($"#     --from-literal={PublishEnvironment.SecretKeyFor("clickhouse")}=\"Host=<clickhouse-host>;Port=8443;Protocol=https;Username=<user>;Password=<password>;Database={ClickHouseResource.Database}\"\n");
        text.Append("#\n# ConnectionStrings__clickhouse is optional: without it the dashboard shows log-directory runs only.\n");
        text.Append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        foreach (var file in files)
        {
            text.Append($"  - {file}\n");
        }
        text.Append("images:\n");
        foreach (var image in images)
        {
            text.Append($"  - name: {image}\n    newTag: \"{options.ImageTag}\"\n");
        }
        return text.ToString();
    }
}

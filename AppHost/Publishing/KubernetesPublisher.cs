using AppHost.Settings;
using k8s;
using Microsoft.Extensions.Logging;

namespace AppHost.Publishing;

/// <summary>
/// Writes Aspire's application model as Kubernetes manifests: one file per resource and a kustomization.yaml that
/// lists them and names the images, so <c>kubectl apply -k DIR</c> deploys it. Projects become Deployments (with
/// their replicas from the model), Aspire's Redis container a StatefulSet; connection strings are only ever
/// referenced from the operator's Secret.
/// </summary>
public static class KubernetesPublisher
{
    public static async Task<IReadOnlyList<string>> WriteAsync(DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext,
        PublishOptions options, string outputDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        List<string> files = [];
        List<string> images = [];
        foreach (var resource in model.Resources)
        {
            IEnumerable<object> objects;
            switch (resource)
            {
                case RedisResource redis:
                    objects = RedisManifests.Create(redis.Name, options);
                    break;
                case ProjectResource project when project.Annotations.OfType<KubernetesDeploymentAnnotation>().LastOrDefault() is { } deployment:
                    var published = await PublishAsync(project, deployment, model, executionContext, logger, cancellationToken);
                    images.Add(ProjectManifests.ImageNameFor(published, options));
                    objects = ProjectManifests.Create(published, options);
                    break;
                default:
                    continue;
            }
            var file = $"{resource.Name}.yaml";
            var documents = objects.Select(KubernetesYaml.Serialize).Select(d => d.EndsWith('\n') ? d : d + "\n");
            await File.WriteAllTextAsync(Path.Combine(outputDirectory, file), string.Join("---\n", documents), cancellationToken);
            files.Add(file);
        }
        var statefulRedis = model.Resources.OfType<RedisResource>().Any();
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, Kustomization.FileName), Kustomization.Create(files, images, options, statefulRedis),
            cancellationToken);
        files.Add(Kustomization.FileName);
        return files;
    }

    private static async Task<PublishedProject> PublishAsync(ProjectResource project, KubernetesDeploymentAnnotation deployment,
        DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, ILogger logger, CancellationToken cancellationToken)
    {
        var variables = await KubernetesEnvironment.ForAsync(project, model, executionContext, logger, cancellationToken);
        var projectName = Path.GetFileNameWithoutExtension(project.GetProjectMetadata().ProjectPath);
        var endpoints = project.Annotations.OfType<EndpointAnnotation>().ToList();
        var ports = endpoints.Select(e => new PublishedPort(e.Name, KubernetesEnvironment.ContainerPortOf(e), InService: !e.ExcludeReferenceEndpoint)).ToList();
        return new PublishedProject(project.Name, projectName, deployment.Replicas ?? project.GetReplicaCount(), endpoints.Any(e => e.IsExternal),
            deployment, variables, ports);
    }
}

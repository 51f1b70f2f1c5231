using System.Text;
using AppHost.Resources;
using AppHost.Settings;

namespace AppHost.Publishing;

/// <summary>
/// The kustomization.yaml beside the manifests: the files and the images, headed by the command that creates the
/// operator's Secret (with placeholders), since no connection string is ever written into the manifests.
/// </summary>
public static class Kustomization
{
    public const string FileName = "kustomization.yaml";

    public static string Create(IEnumerable<string> files, IEnumerable<string> images, PublishOptions options, bool statefulRedis)
    {
        var text = new StringBuilder();
        text.Append("""
            # Written by AppHost from its Aspire application model:
            #   dotnet run --project AppHost -- --operation publish --step publish-kubernetes --output-path deploy/k8s
            # Every connection string comes from a Secret the operator creates; none is written here.
            # Create it once per namespace before `kubectl apply -k .` (see docs/deploy.md), for example:
            #

            """);
        if (statefulRedis)
        {
            text.Append("#   REDIS_PASSWORD=\"$(openssl rand -hex 24)\"\n");
        }
        text.Append($"#   kubectl create secret generic {options.SecretName} \\\n");
        if (statefulRedis)
        {
            text.Append($"#     --from-literal={RedisManifests.PasswordKey}=\"$REDIS_PASSWORD\" \\\n");
            text.Append($"#     --from-literal=ConnectionStrings__redis=\"redis:{RedisManifests.Port},password=$REDIS_PASSWORD\" \\\n");
        }
        else
        {
            text.Append($"#     --from-literal=ConnectionStrings__redis=\"<managed-redis-host>:6380,password=<password>,ssl=true\" \\\n");
        }
        text.Append($"#     --from-literal=ConnectionStrings__clickhouse=\"Host=<clickhouse-host>;Port=8443;Protocol=https;Username=<user>;Password=<password>;Database={ClickHouseSchema.Database}\" \\\n");
        text.Append("#     --from-literal=Gateway__Authentication__ClientSecret=\"<the gateway's client secret at your OpenID Connect provider>\"\n");
        text.Append("#\n# ConnectionStrings__clickhouse is optional: without it the dashboard shows log-directory runs only.\n");
        text.Append($"# The gateway signs users in ({options.GatewayAuthentication}; docs/security.md): Gateway__Authentication__ClientSecret\n");
        text.Append("# serves OpenIdConnect, Gateway__Authentication__ApiKeys__0 (32 characters or more) ApiKey.\n");
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

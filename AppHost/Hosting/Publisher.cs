namespace AppHost.Hosting;

public enum Publisher
{
    /// <summary>Kubernetes manifests with a kustomization.yaml.</summary>
    Kubernetes,

    /// <summary>Aspire's manifest JSON (<c>aspire-manifest.json</c>), as <c>--publisher manifest</c> writes it.</summary>
    Manifest,
}

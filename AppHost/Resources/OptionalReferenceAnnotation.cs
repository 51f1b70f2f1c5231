
namespace AppHost.Resources;

/// <summary>A dependency the services run without (ClickHouse): published, its Secret key is optional.</summary>
public sealed class OptionalReferenceAnnotation : IResourceAnnotation;

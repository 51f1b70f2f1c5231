
namespace AppHost.Resources;

/// <summary>The ICON log directories a demo resource writes, for the ingestor to read.</summary>
public sealed record LogDirectoriesAnnotation(IReadOnlyList<string> Directories) : IResourceAnnotation;

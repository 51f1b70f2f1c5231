using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.StaticFiles;

namespace Frontend.StaticFiles;

/// <summary>Gives <c>x.js.br</c> and <c>x.js.gz</c> the content type of <c>x.js</c>: the encoding is a header, not a type.</summary>
public sealed class PrecompressedContentTypeProvider : IContentTypeProvider
{
    private readonly FileExtensionContentTypeProvider _inner = new();

    public bool TryGetContentType(string subpath, [MaybeNullWhen(false)] out string contentType)
    {
        var path = PrecompressedEncodings.StripSuffix(subpath);
        return _inner.TryGetContentType(path, out contentType);
    }
}

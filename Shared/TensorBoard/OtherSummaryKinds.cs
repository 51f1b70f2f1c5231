namespace TensorBoard;

/// <summary>
/// What a summary that is neither a scalar nor a histogram is, as listed per run: PyTorch's <c>image</c> and
/// <c>audio</c> fields and the tensors of TensorBoard's <c>images</c>, <c>audio</c> and <c>text</c> plugins map to
/// the three kinds here; any other plugin's tensor (<c>pr_curves</c>, <c>mesh</c>, ...) keeps its plugin's name.
/// </summary>
public static class OtherSummaryKinds
{
    public const string Text = "text";
    public const string Image = "image";
    public const string Audio = "audio";

    /// <summary>The kind a value of <paramref name="plugin"/> is listed as; interned for the three known plugins.</summary>
    public static string OfPlugin(string plugin) => plugin switch
    {
        "text" => Text,
        "images" => Image,
        "audio" => Audio,
        _ => plugin,
    };
}

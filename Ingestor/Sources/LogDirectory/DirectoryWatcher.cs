namespace Ingestor.Sources.LogDirectory;

/// <summary>
/// File-system events for one directory tree, reduced to the path that changed. A buffer overflow or any watcher
/// error is a change of unknown path (null: the next scan lists everything), and marks the watcher for recreation.
/// </summary>
public sealed class DirectoryWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly Action<string?> _changed;

    public DirectoryWatcher(string directory, Action<string?> changed)
    {
        _changed = changed;
        _watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Created += OnChanged;
        _watcher.Changed += OnChanged;
        _watcher.Deleted += OnChanged;
        _watcher.Renamed += OnChanged;
        _watcher.Error += OnError;
        _watcher.EnableRaisingEvents = true;
    }

    public bool Broken { get; private set; }

    public void Dispose() => _watcher.Dispose();

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        _changed(e.FullPath);
        if (e is RenamedEventArgs renamed)
        {
            _changed(renamed.OldFullPath);
        }
    }

    private void OnError(object sender, ErrorEventArgs e)
    {
        Broken = true;
        _changed(null);
    }
}

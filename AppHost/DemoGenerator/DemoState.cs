namespace DemoGenerator;

public enum DemoState
{
    Starting,
    Running,
    Faulted,
}

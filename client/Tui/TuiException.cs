namespace GovReport.Client.Tui;

/// <summary>A failure whose message is already the Chinese text to show the user.</summary>
public sealed class TuiException : Exception
{
    public TuiException(string message)
        : base(message)
    {
    }

    public TuiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TuiException()
    {
    }
}

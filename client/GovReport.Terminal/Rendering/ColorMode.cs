namespace GovReport.Terminal;

/// <summary>How styles reach the terminal.</summary>
public enum ColorMode
{
    /// <summary>The 16 ANSI colours plus bold, dim, underline and reverse.</summary>
    Color16,

    /// <summary>No colours and no dim: styles degrade to bold, underline and reverse.</summary>
    Monochrome,
}

/// <summary>Chooses a colour mode from the environment (https://no-color.org, TERM=dumb).</summary>
public static class ColorModeDetector
{
    /// <param name="getEnvironmentVariable">Usually <see cref="Environment.GetEnvironmentVariable(string)"/>; injectable for tests.</param>
    public static ColorMode Detect(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (!string.IsNullOrEmpty(getEnvironmentVariable("NO_COLOR")))
        {
            return ColorMode.Monochrome;
        }

        return string.Equals(getEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal) ? ColorMode.Monochrome : ColorMode.Color16;
    }
}

using System.Diagnostics;

namespace GovReport.Terminal.Internal;

// Raw mode through stty(1) rather than termios P/Invoke: struct termios differs between libcs and
// architectures, while `stty -g` gives an opaque string that restores the exact previous state.
// stty acts on its stdin, which it inherits from us (the terminal).
internal static class Stty
{
    public static string? Save() => Run("-g", captureOutput: true);

    public static void Raw() => Run("raw -echo", captureOutput: false);

    public static void Restore(string saved) => Run(saved, captureOutput: false);

    private static string? Run(string arguments, bool captureOutput)
    {
        try
        {
            var psi = new ProcessStartInfo("stty", arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = captureOutput,
                RedirectStandardError = true,
            };
            using var process = Process.Start(psi);
            if (process is null)
            {
                return null;
            }

            var output = captureOutput ? process.StandardOutput.ReadToEnd().Trim() : null;
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No stty on this system: stay in cooked mode rather than fail.
            return null;
        }
    }
}

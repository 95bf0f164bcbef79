namespace GovReport.Terminal;

internal static class AssemblyMarker
{
}

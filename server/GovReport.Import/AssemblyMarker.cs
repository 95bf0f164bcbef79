namespace GovReport.Import;

internal static class AssemblyMarker
{
}

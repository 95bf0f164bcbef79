namespace GovReport.Data;

internal static class AssemblyMarker
{
}

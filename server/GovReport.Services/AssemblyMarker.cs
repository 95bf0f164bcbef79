namespace GovReport.Services;

internal static class AssemblyMarker
{
}

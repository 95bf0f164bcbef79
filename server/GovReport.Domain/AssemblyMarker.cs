namespace GovReport.Domain;

internal static class AssemblyMarker
{
}

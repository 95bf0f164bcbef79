namespace GovReport.Grpc;

internal static class AssemblyMarker
{
}

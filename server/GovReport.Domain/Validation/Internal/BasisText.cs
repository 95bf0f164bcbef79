namespace GovReport.Domain.Validation.Internal;

internal static class BasisText
{
    public const string BalanceNote = Templates.Internal.TemplateDefinitions.BalanceNote;
}

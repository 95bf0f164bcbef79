using GovReport.Domain.Templates;
using ApiCellKind = GovReport.Api.V1.CellKind;
using ApiTemplate = GovReport.Api.V1.Template;

namespace GovReport.Services.Templates.Internal;

/// <summary>Maps the template registry to its protobuf form.</summary>
internal static class TemplateMapper
{
    public static ApiTemplate ToApi(TemplateId id) => id switch
    {
        TemplateId.Template2019 => ApiTemplate._2019,
        TemplateId.Template2021 => ApiTemplate._2021,
        _ => ApiTemplate.Unspecified,
    };

    public static TemplateId? FromApi(ApiTemplate template) => template switch
    {
        ApiTemplate._2019 => TemplateId.Template2019,
        ApiTemplate._2021 => TemplateId.Template2021,
        _ => null,
    };

    public static ApiCellKind ToApi(CellKind kind) => kind switch
    {
        CellKind.Count => ApiCellKind.Count,
        CellKind.SignedCount => ApiCellKind.SignedCount,
        CellKind.Amount => ApiCellKind.Amount,
        _ => ApiCellKind.Unspecified,
    };

    public static Api.V1.ReportTemplate ToApi(ReportTemplate template)
    {
        var message = new Api.V1.ReportTemplate
        {
            Name = template.Name,
            Template = ToApi(template.Id),
            DocumentNumber = template.DocumentNumber,
            Title = template.Title,
            FirstYear = template.FirstYear,
            LastYear = template.LastYear ?? 0,
            CellCount = template.CellCount,
        };
        foreach (var part in template.Parts)
        {
            message.Parts.Add(new Api.V1.TemplatePart { Code = PartCodes.ToCode(part.Part), Number = part.Number, Title = part.Title, Heading = part.Heading });
        }

        var addresses = template.Cells.ToLookup(c => (c.Block, c.Row), c => c.Address);
        foreach (var table in template.Tables)
        {
            var apiTable = new Api.V1.TemplateTable
            {
                Code = table.Code,
                Title = table.Title,
                Note = table.Note ?? string.Empty,
                ColumnHeaderLabel = table.ColumnHeaderLabel ?? string.Empty,
            };
            foreach (var block in table.Blocks)
            {
                var apiBlock = new Api.V1.TemplateBlock
                {
                    Code = block.Code ?? string.Empty,
                    Caption = block.Caption ?? string.Empty,
                    RowHeaderLabel = block.RowHeaderLabel ?? string.Empty,
                };
                foreach (var column in block.Columns)
                {
                    apiBlock.Columns.Add(new Api.V1.TemplateColumn
                    {
                        Code = column.Code,
                        Label = column.Label,
                        Kind = ToApi(column.Kind),
                        Unit = column.Unit ?? string.Empty,
                        IsTotal = column.IsTotal,
                        GroupLabel = column.GroupLabel ?? string.Empty,
                    });
                }

                foreach (var row in block.Rows)
                {
                    var apiRow = new Api.V1.TemplateRow { Code = row.Code, Label = row.Label, IsTotal = row.IsTotal, GroupCode = row.GroupCode ?? string.Empty };
                    apiRow.CellAddresses.Add(addresses[(block, row)]);
                    apiBlock.Rows.Add(apiRow);
                }

                foreach (var group in block.RowGroups)
                {
                    apiBlock.RowGroups.Add(new Api.V1.TemplateRowGroup { Code = group.Code, Label = group.Label, ParentCode = group.ParentCode ?? string.Empty });
                }

                apiTable.Blocks.Add(apiBlock);
            }

            message.Tables.Add(apiTable);
        }

        return message;
    }
}

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ThiDua.Infrastructure.Excel;

/// <summary>Reads the first sheet as rows of trimmed text (shared strings, inline strings, numbers), keeping blank cells in place.</summary>
public static class XlsxReader
{
    public const int MaxRows = 5_000;

    public static IReadOnlyList<IReadOnlyList<string>> ReadFirstSheet(Stream stream)
    {
        using var doc = SpreadsheetDocument.Open(stream, false);
        var workbook = doc.WorkbookPart ?? throw new InvalidDataException("Tệp không có bảng tính.");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("Tệp không có trang tính nào.");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            if (rows.Count > MaxRows)
                throw new InvalidDataException($"Tệp có quá {MaxRows:N0} dòng.");
            var values = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value);
                while (column is { } col && values.Count < col)
                    values.Add("");
                values.Add(Text(cell, shared).Trim());
            }
            rows.Add(values);
        }
        return rows;
    }

    private static string Text(Cell cell, string[] shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i >= 0 && i < shared.Length)
            return shared[i];
        if (cell.DataType?.Value == CellValues.InlineString)
            return cell.InlineString?.InnerText ?? "";
        return cell.CellValue?.Text ?? "";
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
            return null;
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }
}

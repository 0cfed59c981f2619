using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ThiDua.Infrastructure.Excel;

/// <summary>Writes one sheet: a bold header row then rows of text, numbers and dates. Inline strings keep Vietnamese text exact.</summary>
public static class XlsxWriter
{
    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var columns = new Columns();
            for (uint i = 1; i <= headers.Count; i++)
                columns.Append(new Column { Min = i, Max = i, Width = i == 1 ? 18 : 28, CustomWidth = true });
            sheetPart.Worksheet = new Worksheet(columns, data);

            data.Append(Row(1, headers.Cast<object?>().ToList(), header: true));
            uint r = 2;
            foreach (var row in rows)
                data.Append(Row(r++, row, header: false));

            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName.Length > 31 ? sheetName[..31] : sheetName });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IReadOnlyList<object?> values, bool header)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < values.Count; c++)
        {
            var reference = ColumnName(c) + index;
            Cell cell = values[c] switch
            {
                null => new Cell { CellReference = reference },
                int or long or double or decimal => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(values[c], System.Globalization.CultureInfo.InvariantCulture)!) },
                DateTime d => InlineText(reference, d.AddHours(7).ToString("dd/MM/yyyy HH:mm")),
                bool b => InlineText(reference, b ? "Có" : "Không"),
                var v => InlineText(reference, v.ToString() ?? ""),
            };
            if (header)
                cell.StyleIndex = 1;
            row.Append(cell);
        }
        return row;
    }

    private static Cell InlineText(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }) };

    public static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
            name = (char)('A' + (i - 1) % 26) + name;
        return name;
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
}

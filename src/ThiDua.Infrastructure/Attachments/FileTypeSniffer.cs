using System.IO.Compression;

namespace ThiDua.Infrastructure.Attachments;

public enum DocumentKind { Unknown, Pdf, Docx, Xlsx }

/// <summary>
/// Tells PDF, DOCX and XLSX apart by their content, not their name: a renamed executable or a zip of
/// anything else is refused even when it is called "baocao.pdf".
/// </summary>
public static class FileTypeSniffer
{
    public static DocumentKind Detect(ReadOnlySpan<byte> head, Func<Stream>? openWhole = null)
    {
        if (head.StartsWith("%PDF-"u8))
            return DocumentKind.Pdf;
        if (!head.StartsWith("PK\u0003\u0004"u8) || openWhole is null)
            return DocumentKind.Unknown;
        try
        {
            using var zip = new ZipArchive(openWhole(), ZipArchiveMode.Read, leaveOpen: false);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml"))
                return DocumentKind.Unknown;
            if (names.Contains("word/document.xml"))
                return DocumentKind.Docx;
            if (names.Contains("xl/workbook.xml"))
                return DocumentKind.Xlsx;
            return DocumentKind.Unknown;
        }
        catch (InvalidDataException)
        {
            return DocumentKind.Unknown;
        }
    }

    public static string Extension(DocumentKind kind) => kind switch
    {
        DocumentKind.Pdf => ".pdf",
        DocumentKind.Docx => ".docx",
        DocumentKind.Xlsx => ".xlsx",
        _ => "",
    };

    public static string ContentType(DocumentKind kind) => kind switch
    {
        DocumentKind.Pdf => "application/pdf",
        DocumentKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        DocumentKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };
}

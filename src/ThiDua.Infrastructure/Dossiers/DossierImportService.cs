using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Excel;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Infrastructure.Text;

namespace ThiDua.Infrastructure.Dossiers;

public sealed record ImportRowError(int Row, string Column, string Message);

public sealed record ImportResult(int Imported, IReadOnlyList<ImportRowError> Errors, IReadOnlyList<string> Codes)
{
    public bool Success => Errors.Count == 0;
}

/// <summary>
/// Imports many nominees from an .xlsx file as draft dossiers of the secretary's unit. Every row is checked
/// with the same rules as the form; if any row is wrong nothing is imported and each problem is listed by row.
/// </summary>
public sealed class DossierImportService(ThiDuaDbContext db, DossierService dossiers, TimeProvider time)
{
    public static readonly string[] Columns = ["Đối tượng", "Họ tên / Tên tập thể", "Chức vụ", "Hình thức khen thưởng", "Phong trào thi đua", "Kỳ xét", "Tóm tắt thành tích"];

    public static byte[] Template() => XlsxWriter.Write("Danh sách đề nghị", Columns,
    [
        ["Cá nhân", "Nguyễn Văn Thành", "Chuyên viên", "Giấy khen của Giám đốc Sở", "skhcn-qng-2024", "2025", "Hoàn thành xuất sắc nhiệm vụ năm 2025."],
        ["Tập thể", "Phòng Quản lý Công nghệ", "", "giay-khen", "skhcn-qng-2024", "2025", "Tập thể lao động tiên tiến."],
    ]);

    public async Task<ImportResult> ImportAsync(CurrentUser user, Stream xlsx, string? unit, CancellationToken ct)
    {
        IReadOnlyList<IReadOnlyList<string>> rows;
        try
        {
            rows = XlsxReader.ReadFirstSheet(xlsx);
        }
        catch (Exception ex) when (ex is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or IOException or System.Xml.XmlException)
        {
            throw AppException.Invalid("file", "Không đọc được tệp Excel (.xlsx). Hãy dùng tệp mẫu. " + ex.Message);
        }
        var unitOrg = await dossiers.UnitForAsync(user, unit, ct);
        var awards = await db.AwardForms.AsNoTracking().Where(a => a.IsActive).ToListAsync(ct);
        var errors = new List<ImportRowError>();
        var created = new List<Dossier>();
        var now = time.GetUtcNow().UtcDateTime;

        if (rows.Count < 2)
            errors.Add(new ImportRowError(1, "", "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."));
        for (var i = 1; i < rows.Count; i++)
        {
            var cells = rows[i];
            string Cell(int c) => c < cells.Count ? cells[c] : "";
            if (cells.All(string.IsNullOrWhiteSpace))
                continue;
            var awardText = Cell(3);
            var award = awards.FirstOrDefault(a => a.Code == awardText || SearchText.Fold(a.Name) == SearchText.Fold(awardText));
            var input = new DossierInput(KindCode(Cell(0)), Cell(1), Cell(2), award?.Code ?? awardText, unitOrg.Id.ToString(), NullIfEmpty(Cell(4)), NullIfEmpty(Cell(5)), NullIfEmpty(Cell(6)));
            var dossier = new Dossier
            {
                Id = Guid.CreateVersion7(), Code = "", NomineeKind = "", NomineeName = "", NomineeSearch = "", AwardFormCode = "",
                UnitOrgId = unitOrg.Id, CreatedBy = user.Id, CreatedAt = now, UpdatedAt = now,
            };
            try
            {
                await dossiers.ApplyAsync(dossier, input, ct);
                created.Add(dossier);
            }
            catch (AppException ex) when (ex.FieldErrors is not null)
            {
                foreach (var (field, messages) in ex.FieldErrors)
                    errors.AddRange(messages.Select(m => new ImportRowError(i + 1, ColumnOf(field), m)));
            }
        }
        if (errors.Count > 0)
            return new ImportResult(0, errors, []);

        var codes = await dossiers.NextCodesAsync(created.Count, ct);
        for (var i = 0; i < created.Count; i++)
        {
            created[i].Code = codes[i];
            db.Dossiers.Add(created[i]);
            db.DossierAccess.Add(new DossierAccess { OrgId = unitOrg.Id, DossierId = created[i].Id });
        }
        // One SaveChanges: all rows or none.
        await db.SaveChangesAsync(ct);
        return new ImportResult(created.Count, [], codes);
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static string KindCode(string text) => SearchText.Fold(text) switch
    {
        "ca nhan" or "individual" => NomineeKinds.Individual,
        "tap the" or "collective" => NomineeKinds.Collective,
        "ho gia dinh" or "household" => NomineeKinds.Household,
        _ => text,
    };

    private static string ColumnOf(string field) => field switch
    {
        "nomineeKind" => Columns[0],
        "nomineeName" => Columns[1],
        "nomineeTitle" => Columns[2],
        "awardForm" => Columns[3],
        "movement" => Columns[4],
        "period" => Columns[5],
        "summary" => Columns[6],
        _ => field,
    };
}

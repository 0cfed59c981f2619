using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Attachments;

/// <summary>Uploading, listing, downloading and removing dossier files, with the size and type rules checked on the content.</summary>
public sealed class AttachmentService(ThiDuaDbContext db, TimeProvider time, Audit.AuditLog audit)
{
    public const long MaxBytes = 20L * 1024 * 1024;
    public const int MaxPerDossier = 30;

    public async Task<DossierAttachment> AddAsync(CurrentUser user, Guid dossierId, string fileName, Stream content, long length, CancellationToken ct)
    {
        var dossier = await DossierAccessPolicy.GetVisibleAsync(db, user, dossierId, ct);
        if (!user.Has(Roles.Secretary, dossier.UnitOrgId))
            throw new AppException(AppErrorKind.Forbidden, "Chỉ thư ký / chuyên viên TĐKT của đơn vị lập hồ sơ mới được đính kèm tệp.");
        if (dossier.State is not (DossierStates.Draft or DossierStates.Returned))
            throw new AppException(AppErrorKind.Conflict, "Hồ sơ đang được xét duyệt; chỉ đính kèm tệp khi hồ sơ còn nháp hoặc bị trả lại.");
        var name = CleanName(fileName);
        if (length <= 0)
            throw AppException.Invalid("file", $"Tệp \"{name}\" rỗng.");
        if (length > MaxBytes)
            throw AppException.Invalid("file", $"Tệp \"{name}\" vượt quá giới hạn 20 MB.");
        if (await db.Attachments.CountAsync(a => a.DossierId == dossierId, ct) >= MaxPerDossier)
            throw new AppException(AppErrorKind.Rule, $"Mỗi hồ sơ đính kèm tối đa {MaxPerDossier} tệp.");

        var bytes = new byte[length];
        var read = 0;
        while (read < length && await content.ReadAsync(bytes.AsMemory(read), ct) is var n and > 0)
            read += n;
        if (read != length || content.ReadByte() != -1)
            throw AppException.Invalid("file", $"Tệp \"{name}\" tải lên không trọn vẹn. Hãy thử lại.");

        var kind = FileTypeSniffer.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, 8)), () => new MemoryStream(bytes, writable: false));
        if (kind == DocumentKind.Unknown)
            throw AppException.Invalid("file", $"Tệp \"{name}\" không phải PDF, Word (.docx) hoặc Excel (.xlsx). Chỉ nhận ba loại tệp này.");
        if (!name.EndsWith(FileTypeSniffer.Extension(kind), StringComparison.OrdinalIgnoreCase))
            throw AppException.Invalid("file", $"Nội dung tệp \"{name}\" là {FileTypeSniffer.Extension(kind)} nhưng phần mở rộng không khớp. Hãy đổi tên tệp cho đúng.");

        var attachment = new DossierAttachment
        {
            Id = Guid.CreateVersion7(),
            DossierId = dossierId,
            FileName = name,
            ContentType = FileTypeSniffer.ContentType(kind),
            Size = length,
            Sha256 = Convert.ToHexString(SHA256.HashData(bytes)),
            UploadedBy = user.Id,
            UploadedByName = user.DisplayName,
            UploadedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Attachments.Add(attachment);
        db.AttachmentContents.Add(new AttachmentContent { AttachmentId = attachment.Id, Data = bytes });
        audit.Record("attachment.add", user, "dossier:" + dossierId, $"{name} · {length} B · SHA-256 {attachment.Sha256}");
        await db.SaveChangesAsync(ct);
        return attachment;
    }

    public async Task<IReadOnlyList<DossierAttachment>> ListAsync(CurrentUser user, Guid dossierId, CancellationToken ct)
    {
        await DossierAccessPolicy.GetVisibleAsync(db, user, dossierId, ct);
        return await db.Attachments.AsNoTracking().Where(a => a.DossierId == dossierId).OrderBy(a => a.UploadedAt).ToListAsync(ct);
    }

    public async Task<(DossierAttachment Attachment, byte[] Data)> GetAsync(CurrentUser user, Guid dossierId, Guid attachmentId, CancellationToken ct)
    {
        await DossierAccessPolicy.GetVisibleAsync(db, user, dossierId, ct);
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.DossierId == dossierId, ct)
            ?? throw AppException.NotFound("tệp đính kèm");
        var data = await db.AttachmentContents.AsNoTracking().Where(c => c.AttachmentId == attachmentId).Select(c => c.Data).FirstAsync(ct);
        return (attachment, data);
    }

    public async Task DeleteAsync(CurrentUser user, Guid dossierId, Guid attachmentId, CancellationToken ct)
    {
        var dossier = await DossierAccessPolicy.GetVisibleAsync(db, user, dossierId, ct);
        if (!user.Has(Roles.Secretary, dossier.UnitOrgId) || dossier.State is not (DossierStates.Draft or DossierStates.Returned))
            throw new AppException(AppErrorKind.Forbidden, "Chỉ thư ký của đơn vị được gỡ tệp khi hồ sơ còn nháp hoặc bị trả lại.");
        var attachment = await db.Attachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.DossierId == dossierId, ct)
            ?? throw AppException.NotFound("tệp đính kèm");
        db.Attachments.Remove(attachment);
        audit.Record("attachment.delete", user, "dossier:" + dossierId, $"{attachment.FileName} · SHA-256 {attachment.Sha256}");
        await db.SaveChangesAsync(ct);
    }

    private static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim();
        if (name.Length == 0)
            name = "tep-dinh-kem";
        return name.Length <= 200 ? name : name[..(200 - Path.GetExtension(name).Length)] + Path.GetExtension(name);
    }
}

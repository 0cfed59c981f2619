namespace ThiDua.Infrastructure.Attachments;

/// <summary>A file attached to a dossier (tờ trình, báo cáo thành tích, biên bản…). The bytes live in <see cref="AttachmentContent"/> so listing never loads them.</summary>
public sealed class DossierAttachment
{
    public Guid Id { get; set; }
    public Guid DossierId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public Guid UploadedBy { get; set; }
    public required string UploadedByName { get; set; }
    public DateTime UploadedAt { get; set; }
}

/// <summary>
/// The bytes of an attachment, in the database so every web node of a cluster serves the same files
/// without a shared disk.
/// </summary>
public sealed class AttachmentContent
{
    public Guid AttachmentId { get; set; }
    public required byte[] Data { get; set; }
}

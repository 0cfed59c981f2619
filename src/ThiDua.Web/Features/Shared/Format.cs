namespace ThiDua.Web.Features.Shared;

/// <summary>Dates as people in Vietnam read them: local time (UTC+7), day first.</summary>
public static class Format
{
    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static string Date(DateTime? utc) => utc is { } t ? (t + Vietnam).ToString("dd/MM/yyyy") : "";

    public static string DateTime(DateTime? utc) => utc is { } t ? (t + Vietnam).ToString("HH:mm dd/MM/yyyy") : "";

    public static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024d / 1024:0.#} MB" : $"{Math.Max(1, bytes / 1024)} KB";
}

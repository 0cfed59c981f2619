using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ThiDua.Infrastructure;

namespace ThiDua.Web.Features.Shared;

/// <summary>
/// Reads a JSON body with a clear Vietnamese 400 for every way it can be wrong (not JSON, wrong type,
/// too large), instead of the framework's bare 400, so a client always learns what to fix.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 256 * 1024;

    public static async Task<T> ReadAsync<T>(HttpContext http) where T : class
    {
        if (http.Request.ContentLength is > MaxBytes)
            throw AppException.Invalid("body", $"Nội dung yêu cầu vượt quá {MaxBytes / 1024} KB.");
        if (!http.Request.HasJsonContentType())
            throw AppException.Invalid("body", "Nội dung yêu cầu phải là JSON (Content-Type: application/json).");
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            using var limited = new MemoryStream();
            await CopyLimitedAsync(http.Request.Body, limited, http.RequestAborted);
            limited.Position = 0;
            return await JsonSerializer.DeserializeAsync<T>(limited, options, http.RequestAborted)
                ?? throw AppException.Invalid("body", "Thiếu nội dung JSON.");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $" tại '{path.TrimStart('$', '.')}'" : "";
            throw AppException.Invalid(ex.Path?.TrimStart('$', '.') is { Length: > 0 } p ? p : "body", $"Nội dung JSON không hợp lệ{where}.");
        }
    }

    private static async Task CopyLimitedAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        int read;
        long total = 0;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > MaxBytes)
                throw AppException.Invalid("body", $"Nội dung yêu cầu vượt quá {MaxBytes / 1024} KB.");
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }
}

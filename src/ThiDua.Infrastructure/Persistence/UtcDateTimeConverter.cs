using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>Every DateTime is stored in UTC; SQLite gives them back unmarked, so mark them on the way out.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

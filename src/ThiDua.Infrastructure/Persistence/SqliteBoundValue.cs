using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// A parameter's value in the form SQLite stores it, converted as Microsoft.Data.Sqlite converts it when it binds
/// (texts as UTF-8, dates as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, GUIDs as upper-case text, enums as their number).
/// <para>
/// Made while a run records its statements, in parallel with the other runs, so the serial write turn only hands the
/// bytes to SQLite (<see cref="SqliteTurnStatements"/>). In the turn, Microsoft.Data.Sqlite's binding (each parameter's
/// index looked up by name in native code, each date formatted, each text encoded, at every execution) was half of the
/// turn's CPU. Only the conversions the model uses are made here; any other value (a NaN, a date stored as a number, a
/// value not set) leaves its statement to Microsoft.Data.Sqlite, which binds or refuses it as always.
/// </para>
/// </summary>
internal readonly struct SqliteBoundValue
{
    private readonly Kind _kind;
    private readonly long _integer;
    private readonly double _real;
    private readonly byte[]? _bytes;

    private SqliteBoundValue(Kind kind, long integer = 0, double real = 0, byte[]? bytes = null)
    {
        _kind = kind;
        _integer = integer;
        _real = real;
        _bytes = bytes;
    }

    private enum Kind : byte { Null, Integer, Real, Text, Blob }

    /// <summary>The parameter's name in the statement.</summary>
    public string Name { get; private init; } = "";

    /// <summary>
    /// The parameters' values as SQLite will store them; null when one needs Microsoft.Data.Sqlite's own binding. A
    /// name without its prefix is left to it too: it finds such a parameter under any of three prefixes, and refuses a
    /// statement that names it twice.
    /// </summary>
    public static SqliteBoundValue[]? From(IReadOnlyList<SqliteParameter> parameters)
    {
        var values = new SqliteBoundValue[parameters.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (parameters[i].ParameterName is not [ '@' or '$' or ':', _, ..] || From(parameters[i]) is not { } value)
                return null;
            values[i] = value with { Name = parameters[i].ParameterName };
        }
        return values;
    }

    /// <summary>Binds the value at the statement's parameter <paramref name="index"/>; SQLite's result code.</summary>
    public int Bind(sqlite3_stmt statement, int index) => _kind switch
    {
        Kind.Integer => raw.sqlite3_bind_int64(statement, index, _integer),
        Kind.Real => raw.sqlite3_bind_double(statement, index, _real),
        Kind.Text => raw.sqlite3_bind_text(statement, index, _bytes.AsSpan()),
        Kind.Blob => raw.sqlite3_bind_blob(statement, index, _bytes.AsSpan()),
        _ => raw.sqlite3_bind_null(statement, index),
    };

    /// <summary>Microsoft.Data.Sqlite's conversion of the parameter's value (SqliteValueBinder); null for one not made here.</summary>
    private static SqliteBoundValue? From(SqliteParameter parameter)
    {
        var value = parameter.Value;
        if (value is null)
            return null;
        if (value is DBNull)
            return new SqliteBoundValue(Kind.Null);
        var type = value.GetType();
        if (type.IsEnum)
        {
            type = Enum.GetUnderlyingType(type);
            value = Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
        }
        return value switch
        {
            // Microsoft.Data.Sqlite hands a text of more than 512 UTF-8 bytes to SQLite as zero-terminated, so SQLite
            // keeps it only up to a NUL inside; a shorter one whole. Rare enough to leave to it.
            string text when text.Contains('\0') => null,
            string text => Text(Truncated(text, parameter.Size)),
            // The runtime also lets an sbyte[] pass as a byte[]; Microsoft.Data.Sqlite refuses it.
            byte[] when type != typeof(byte[]) => null,
            byte[] blob => new SqliteBoundValue(Kind.Blob, bytes: blob[..Cut(blob.Length, parameter.Size)]),
            bool flag => Integer(flag ? 1 : 0),
            int number => Integer(number),
            long number => Integer(number),
            short number => Integer(number),
            byte number => Integer(number),
            sbyte number => Integer(number),
            ushort number => Integer(number),
            uint number => Integer(number),
            ulong number => Integer(unchecked((long)number)),
            double number when !double.IsNaN(number) => new SqliteBoundValue(Kind.Real, real: number),
            float number when !float.IsNaN(number) => new SqliteBoundValue(Kind.Real, real: number),
            // A GUID's or a date's Size reads 0 when none was set, as it does when 0 was set (which would cut the text
            // to nothing): taken as none. EF Core sets no size on them.
            Guid guid when parameter.SqliteType != SqliteType.Blob => GuidText(guid, SizeOrNone(parameter)),
            Guid guid => new SqliteBoundValue(Kind.Blob, bytes: guid.ToByteArray()[..Cut(16, SizeOrNone(parameter))]),
            DateTime date when parameter.SqliteType != SqliteType.Real => DateText(date, SizeOrNone(parameter)),
            _ => null,
        };
    }

    private static SqliteBoundValue Integer(long value) => new(Kind.Integer, integer: value);

    private static SqliteBoundValue Text(string value) => new(Kind.Text, bytes: Encoding.UTF8.GetBytes(value));

    // GUIDs and dates are written as UTF-8 straight away: through a string (and, for a GUID, its upper-case copy) they
    // were three allocations each, for the half dozen of them in every row an approval writes.
    // A text that does not fit is left to Microsoft.Data.Sqlite (none does: 36 and at most 27 characters).
    private static SqliteBoundValue? GuidText(Guid guid, int size)
    {
        Span<byte> text = stackalloc byte[36];
        if (!guid.TryFormat(text, out var length, "D"))
            return null;
        Ascii.ToUpperInPlace(text[..length], out _);
        return AsciiText(text[..length], size);
    }

    private static SqliteBoundValue? DateText(DateTime date, int size)
    {
        Span<byte> text = stackalloc byte[32];
        return date.TryFormat(text, out var length, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)
            ? AsciiText(text[..length], size)
            : null;
    }

    /// <summary>A text of one byte per character, cut as <see cref="Truncated"/> cuts a string.</summary>
    private static SqliteBoundValue AsciiText(ReadOnlySpan<byte> text, int size) => new(Kind.Text, bytes: text[..Cut(text.Length, size)].ToArray());

    /// <summary>
    /// Microsoft.Data.Sqlite cuts a text or a blob longer than the parameter's Size, unless it is -1. A text's or a
    /// blob's Size reads as its length when none was set.
    /// </summary>
    private static string Truncated(string text, int size) => text[..Cut(text.Length, size)];

    private static int Cut(int length, int size) => size != -1 && length > size ? size : length;

    private static int SizeOrNone(SqliteParameter parameter) => parameter.Size == 0 ? -1 : parameter.Size;
}

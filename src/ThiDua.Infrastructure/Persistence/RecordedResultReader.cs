using System.Collections;
using System.Data.Common;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// What a recorded statement answers EF Core (<see cref="SqliteSaveRecording"/>): no result, or the one row holding 1
/// that a version check's <c>RETURNING 1</c> gives when it finds its row. Its own object per statement: a shared
/// DataTable's reader subscribes to the table's events on every use, and runs record in parallel.
/// </summary>
internal sealed class RecordedResultReader(bool oneRow) : DbDataReader
{
    private int _position = -1;
    private bool _closed;

    public override int FieldCount => oneRow ? 1 : 0;
    public override bool HasRows => oneRow;
    public override bool IsClosed => _closed;
    public override int RecordsAffected => 1;
    public override int Depth => 0;

    public override bool Read() => oneRow && ++_position == 0;
    public override bool NextResult() => false;
    public override void Close() => _closed = true;

    public override object GetValue(int ordinal) => Current(ordinal);
    public override int GetInt32(int ordinal) => Current(ordinal);
    public override long GetInt64(int ordinal) => Current(ordinal);
    public override bool IsDBNull(int ordinal) => false;
    public override Type GetFieldType(int ordinal) => typeof(int);
    public override string GetDataTypeName(int ordinal) => "INTEGER";
    public override string GetName(int ordinal) => "1";
    public override int GetOrdinal(string name) => 0;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(0);

    public override int GetValues(object[] values)
    {
        values[0] = Current(0);
        return 1;
    }

    public override IEnumerator GetEnumerator() => throw Unsupported();
    public override bool GetBoolean(int ordinal) => throw Unsupported();
    public override byte GetByte(int ordinal) => throw Unsupported();
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw Unsupported();
    public override char GetChar(int ordinal) => throw Unsupported();
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw Unsupported();
    public override DateTime GetDateTime(int ordinal) => throw Unsupported();
    public override decimal GetDecimal(int ordinal) => throw Unsupported();
    public override double GetDouble(int ordinal) => throw Unsupported();
    public override float GetFloat(int ordinal) => throw Unsupported();
    public override Guid GetGuid(int ordinal) => throw Unsupported();
    public override short GetInt16(int ordinal) => throw Unsupported();
    public override string GetString(int ordinal) => throw Unsupported();

    private int Current(int ordinal) =>
        _position == 0 && ordinal == 0 ? 1 : throw new InvalidOperationException("No current row in a recorded statement's result.");

    private static NotSupportedException Unsupported() => new("A recorded statement's result holds one integer.");
}

using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Writes a commit's pages to SQLite's write-ahead log a few dozen at a time instead of two writes per page.
/// <para>
/// SQLite appends each page of a commit to the log as two writes, its 24-byte frame header and then the page. A group
/// commit of eight approvals appends about 240 pages, so the write turn that every approval waits for made some 480
/// system calls per commit: about 5 µs per page on this virtual machine, against under 1 µs when the same bytes go
/// in one call (<c>bench/RESULTS.md</c>, item 53). This registers, as the process's default, SQLite's own file
/// system layer with the log files' writes gathered in memory: consecutive appends are kept and written in one call
/// once 128 KB (31 pages) is held, once the commit frame (the last of a transaction, the only one whose header's
/// second field is not zero) is complete, before the log is read, synced, truncated, sized, controlled or closed,
/// before a write elsewhere in it, and before the database's write lock is released.
/// </para>
/// <para>
/// So at every commit, and whenever another connection may write, the log holds byte for byte what SQLite would have
/// written itself; only the number of system calls changes. The commit frame matters because other connections read
/// a commit as soon as SQLite has indexed it, just before it releases the lock; the lock matters because bytes kept
/// past it (pages a rolled-back transaction had spilled to the log, the last header of a commit whose checksums SQLite
/// rewrote) would later be written over another connection's commit.
/// </para>
/// <para>
/// The state is kept in the memory SQLite allocates for each file, after SQLite's own file structure, which stays at
/// the start: the methods not replaced are SQLite's own, given the same pointer. A log has its reads and writes
/// replaced; its database, only the method that takes and releases the shared-memory locks.
/// </para>
/// </summary>
internal static unsafe class SqliteWalWriteBuffer
{
    private const string Library = "e_sqlite3";
    private const int SqliteOk = 0;
    private const int SqliteOpenWal = 0x00080000;
    private const int FrameHeaderSize = 24;
    /// <summary>SQLite's own write takes at most 0x1FFFF bytes at once (os_unix.c, seekAndWriteFd) and reports the rest as a full disk.</summary>
    private const int Capacity = 0x1FFFF;
    private const string Name = "thidua-wal-buffer";

    /// <summary>sqlite3_vfs (version 3): the fields used here.</summary>
    private const int VfsSzOsFile = 4, VfsPNext = 16, VfsZName = 24, VfsXOpen = 40, VfsSize = 168;

    /// <summary>sqlite3_io_methods (version 3): iVersion, then 18 function pointers.</summary>
    private const int MethodsSize = 8 + 18 * 8;
    private const int XClose = 8, XRead = 16, XWrite = 24, XTruncate = 32, XSync = 40, XFileSize = 48, XFileControl = 80, XShmLock = 112;
    private const int ShmUnlock = 1, ShmExclusive = 8, WalWriteLock = 0;

    /// <summary>What is kept beside SQLite's file structure: for a log, what it holds; for a database, its open log.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct LogState
    {
        public byte* RealMethods;
        public byte* Buffer;
        public long Start;
        public int Length;
        /// <summary>
        /// Where the page of a commit frame goes, while its header was the last write; else 0, where the log's own
        /// header is and no page ever goes.
        /// </summary>
        public long CommitPage;
        /// <summary>A log's database file, a database file's log.</summary>
        public byte* Other;
    }

    private static byte* _real;
    private static int _stateOffset;
    private static readonly Dictionary<nint, nint> WrappedLogs = [];
    private static readonly Dictionary<nint, nint> WrappedDatabases = [];
    private static readonly Lock Gate = new();

    [DllImport(Library)]
    private static extern byte* sqlite3_vfs_find(byte* name);

    [DllImport(Library)]
    private static extern int sqlite3_vfs_register(byte* vfs, int makeDefault);

    [DllImport(Library)]
    private static extern byte* sqlite3_database_file_object(byte* logName);

    /// <summary>Whether the default file system layer is this one (tests check it).</summary>
    public static bool IsDefault
    {
        get
        {
            var current = sqlite3_vfs_find(null);
            return current != null && Marshal.PtrToStringUTF8(*(nint*)(current + VfsZName)) == Name;
        }
    }

    /// <summary>Registers the layer as the default, over the one SQLite chose; once, before any connection opens.</summary>
    public static bool Register()
    {
        var real = sqlite3_vfs_find(null);
        if (real == null || *(int*)real < 3)
            return false;
        _real = real;
        var realSize = *(int*)(real + VfsSzOsFile);
        _stateOffset = (realSize + 7) & ~7;
        var vfs = (byte*)NativeMemory.AllocZeroed(VfsSize);
        Buffer.MemoryCopy(real, vfs, VfsSize, VfsSize);
        *(int*)(vfs + VfsSzOsFile) = _stateOffset + sizeof(LogState);
        *(byte**)(vfs + VfsPNext) = null;
        *(byte**)(vfs + VfsZName) = (byte*)Marshal.StringToCoTaskMemUTF8(Name);
        *(delegate* unmanaged<byte*, byte*, byte*, int, int*, int>*)(vfs + VfsXOpen) = &Open;
        return sqlite3_vfs_register(vfs, 1) == SqliteOk;
    }

    [UnmanagedCallersOnly]
    private static int Open(byte* vfs, byte* name, byte* file, int flags, int* outFlags)
    {
        var realOpen = *(delegate* unmanaged<byte*, byte*, byte*, int, int*, int>*)(_real + VfsXOpen);
        var state = State(file);
        *state = default;
        var rc = realOpen(_real, name, file, flags, outFlags);
        var methods = *(byte**)file;
        if (rc != SqliteOk || methods == null || (flags & SqliteOpenWal) == 0)
            return rc;
        // The database learns of its log, so that the log gives up what it holds before the database's write lock
        // is released (see ShmLock).
        var database = sqlite3_database_file_object(name);
        if (database == null)
            return rc;
        var databaseState = State(database);
        if (databaseState->RealMethods == null)
        {
            databaseState->RealMethods = *(byte**)database;
            *(byte**)database = Wrapped(WrappedDatabases, databaseState->RealMethods, static table =>
                *(delegate* unmanaged<byte*, int, int, int, int>*)((byte*)table + XShmLock) = &ShmLock);
        }
        databaseState->Other = file;
        state->Other = database;
        state->RealMethods = methods;
        *(byte**)file = Wrapped(WrappedLogs, methods, static table =>
        {
            *(delegate* unmanaged<byte*, int>*)((byte*)table + XClose) = &Close;
            *(delegate* unmanaged<byte*, byte*, int, long, int>*)((byte*)table + XRead) = &Read;
            *(delegate* unmanaged<byte*, byte*, int, long, int>*)((byte*)table + XWrite) = &Write;
            *(delegate* unmanaged<byte*, long, int>*)((byte*)table + XTruncate) = &Truncate;
            *(delegate* unmanaged<byte*, int, int>*)((byte*)table + XSync) = &Sync;
            *(delegate* unmanaged<byte*, long*, int>*)((byte*)table + XFileSize) = &FileSize;
            *(delegate* unmanaged<byte*, int, void*, int>*)((byte*)table + XFileControl) = &FileControl;
        });
        return rc;
    }

    /// <summary>A copy of one of SQLite's method tables with some methods replaced; one per table of SQLite's.</summary>
    private static byte* Wrapped(Dictionary<nint, nint> made, byte* real, Action<nint> replace)
    {
        lock (Gate)
        {
            if (made.TryGetValue((nint)real, out var done))
                return (byte*)done;
            var methods = (byte*)NativeMemory.AllocZeroed(MethodsSize);
            var version = *(int*)real;
            // Copy only what SQLite's table has: a version 1 table ends after the first 12 pointers.
            var size = version >= 3 ? MethodsSize : version == 2 ? 8 + 16 * 8 : 8 + 12 * 8;
            Buffer.MemoryCopy(real, methods, MethodsSize, size);
            replace((nint)methods);
            made[(nint)real] = (nint)methods;
            return methods;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static LogState* State(byte* file) => (LogState*)(file + _stateOffset);

    private static delegate* unmanaged<byte*, byte*, int, long, int> RealWrite(LogState* state) =>
        *(delegate* unmanaged<byte*, byte*, int, long, int>*)(state->RealMethods + XWrite);

    /// <summary>Writes what is held, in one call; what is held is let go whatever the result, as SQLite's own write would be done.</summary>
    private static int Flush(byte* file, LogState* state)
    {
        if (state->Length == 0)
            return SqliteOk;
        var length = state->Length;
        state->Length = 0;
        return RealWrite(state)(file, state->Buffer, length, state->Start);
    }

    [UnmanagedCallersOnly]
    private static int Write(byte* file, byte* data, int amount, long offset)
    {
        var state = State(file);
        // The page of a commit frame whose header came just before: the commit must be in the file once it is written.
        var completesCommit = state->CommitPage != 0 && offset == state->CommitPage;
        state->CommitPage = 0;
        if (state->Length > 0 && (offset != state->Start + state->Length || state->Length + amount > Capacity))
        {
            var rc = Flush(file, state);
            if (rc != SqliteOk)
                return rc;
        }
        if (state->Length == 0 && (completesCommit || amount > Capacity))
            return RealWrite(state)(file, data, amount, offset);
        // A frame header's second field is the database size after a commit, zero in every other frame.
        if (amount == FrameHeaderSize && BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(data + 4, 4)) != 0)
        {
            state->CommitPage = offset + amount;
            // Alone, it is SQLite rewriting a commit's checksums, and nothing may follow before the commit is read.
            if (state->Length == 0)
                return RealWrite(state)(file, data, amount, offset);
        }
        if (state->Buffer == null)
            state->Buffer = (byte*)NativeMemory.Alloc(Capacity);
        if (state->Length == 0)
            state->Start = offset;
        Buffer.MemoryCopy(data, state->Buffer + state->Length, Capacity - state->Length, amount);
        state->Length += amount;
        return completesCommit ? Flush(file, state) : SqliteOk;
    }

    [UnmanagedCallersOnly]
    private static int Read(byte* file, byte* data, int amount, long offset)
    {
        var state = State(file);
        var rc = Flush(file, state);
        return rc != SqliteOk ? rc : (*(delegate* unmanaged<byte*, byte*, int, long, int>*)(state->RealMethods + XRead))(file, data, amount, offset);
    }

    [UnmanagedCallersOnly]
    private static int Truncate(byte* file, long size)
    {
        var state = State(file);
        var rc = Flush(file, state);
        return rc != SqliteOk ? rc : (*(delegate* unmanaged<byte*, long, int>*)(state->RealMethods + XTruncate))(file, size);
    }

    [UnmanagedCallersOnly]
    private static int Sync(byte* file, int flags)
    {
        var state = State(file);
        var rc = Flush(file, state);
        return rc != SqliteOk ? rc : (*(delegate* unmanaged<byte*, int, int>*)(state->RealMethods + XSync))(file, flags);
    }

    [UnmanagedCallersOnly]
    private static int FileSize(byte* file, long* size)
    {
        var state = State(file);
        var rc = Flush(file, state);
        return rc != SqliteOk ? rc : (*(delegate* unmanaged<byte*, long*, int>*)(state->RealMethods + XFileSize))(file, size);
    }

    [UnmanagedCallersOnly]
    private static int FileControl(byte* file, int op, void* arg)
    {
        var state = State(file);
        var rc = Flush(file, state);
        return rc != SqliteOk ? rc : (*(delegate* unmanaged<byte*, int, void*, int>*)(state->RealMethods + XFileControl))(file, op, arg);
    }

    [UnmanagedCallersOnly]
    private static int Close(byte* file)
    {
        var state = State(file);
        var flushed = Flush(file, state);
        if (state->Buffer != null)
        {
            NativeMemory.Free(state->Buffer);
            state->Buffer = null;
        }
        if (state->Other != null)
            State(state->Other)->Other = null;
        var rc = (*(delegate* unmanaged<byte*, int>*)(state->RealMethods + XClose))(file);
        return flushed != SqliteOk ? flushed : rc;
    }

    /// <summary>Before a database's write lock is released, its log writes what it still holds (see the class).</summary>
    [UnmanagedCallersOnly]
    private static int ShmLock(byte* file, int offset, int count, int flags)
    {
        var state = State(file);
        var flushed = SqliteOk;
        if ((flags & (ShmUnlock | ShmExclusive)) == (ShmUnlock | ShmExclusive) && offset <= WalWriteLock && WalWriteLock < offset + count && state->Other != null)
            flushed = Flush(state->Other, State(state->Other));
        var rc = (*(delegate* unmanaged<byte*, int, int, int, int>*)(state->RealMethods + XShmLock))(file, offset, count, flags);
        return flushed != SqliteOk ? flushed : rc;
    }
}

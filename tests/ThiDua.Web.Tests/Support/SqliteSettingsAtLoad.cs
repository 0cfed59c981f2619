using System.Runtime.CompilerServices;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Web.Tests.Support;

/// <summary>
/// The tests run SQLite as the application does. SQLite takes its process-wide settings only before its first
/// connection, and some tests open connections of their own before any application host is built.
/// </summary>
internal static class SqliteSettingsAtLoad
{
#pragma warning disable CA2255 // A test assembly is loaded by the test host alone; this must run before any test.
    [ModuleInitializer]
    internal static void Apply() => SqliteProcessSettings.Apply();
#pragma warning restore CA2255
}

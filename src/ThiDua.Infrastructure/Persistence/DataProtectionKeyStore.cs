using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// The data-protection keys in the shared database's DataProtectionKeys table (the table EF Core's key store uses), read
/// with plain SQL: the login page's form needs a key, and through EF Core the first page of every start waited for EF
/// Core's first context and query. A cookie issued by one web node is still read by every other.
/// </summary>
public sealed class DataProtectionKeyStore(DatabaseOptions options) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = PlainConnections.Open(options);
        using var command = connection.Command("SELECT \"Xml\" FROM \"DataProtectionKeys\" WHERE \"Xml\" IS NOT NULL ORDER BY \"Id\"");
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
            keys.Add(XElement.Parse(reader.GetString(0)));
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = PlainConnections.Open(options);
        using var command = connection.Command("INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES (@name, @xml)",
            ("@name", friendlyName), ("@xml", element.ToString(SaveOptions.DisableFormatting)));
        command.ExecuteNonQuery();
    }
}

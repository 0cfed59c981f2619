namespace ThiDua.Web;

/// <summary>Marker for the shared UI strings. Keys are the Vietnamese text; Resources/SharedResource.en.resx translates them.</summary>
public sealed class SharedResource;

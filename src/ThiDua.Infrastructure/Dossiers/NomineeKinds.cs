namespace ThiDua.Infrastructure.Dossiers;

public static class NomineeKinds
{
    public const string Individual = "individual";
    public const string Collective = "collective";
    public const string Household = "household";

    public static readonly IReadOnlyList<string> All = [Individual, Collective, Household];

    public static string VietnameseName(string kind) => kind switch
    {
        Individual => "Cá nhân",
        Collective => "Tập thể",
        Household => "Hộ gia đình",
        _ => kind,
    };
}

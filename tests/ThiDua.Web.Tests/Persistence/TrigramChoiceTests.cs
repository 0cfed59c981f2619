using ThiDua.Infrastructure.Dossiers;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>
/// Which trigrams of a search term the SQLite index is asked for: the rare ones that rule rows out, not the common
/// ones whose lists cost more to walk than the rows they save. (Whatever is chosen, the exact test decides what is
/// found; the API tests search the real index.)
/// </summary>
public sealed class TrigramChoiceTests
{
    // Counts of the 1,000,000-dossier benchmark file.
    private static readonly Dictionary<string, long> NguyenVanThanh = new(StringComparer.Ordinal)
    {
        ["n v"] = 21_121, ["n t"] = 71_123, ["van"] = 96_994, [" va"] = 96_995, ["guy"] = 123_419, ["ngu"] = 123_419,
        ["tha"] = 134_837, ["uye"] = 145_721, ["yen"] = 163_117, ["en "] = 165_522, ["anh"] = 192_857, ["han"] = 207_636,
        [" th"] = 258_568, ["an "] = 325_428,
    };

    [Fact]
    public void A_full_name_is_looked_up_by_its_rare_separate_trigrams()
    {
        var chosen = TrigramChoice.Choose(TrigramChoice.Of("nguyen van thanh"), NguyenVanThanh, 1_000_000);
        // The rarest first; "van" and " va" overlap "n v" and rule out almost nothing more; "han" overlaps "anh", and
        // "an " is common and overlaps "n v".
        Assert.Equal(["n v", "n t", "ngu", "anh"], chosen);
    }

    [Fact]
    public void A_trigram_no_row_holds_is_enough_on_its_own()
    {
        var rows = new Dictionary<string, long>(NguyenVanThanh) { ["anh"] = 0 };
        Assert.Equal(["anh"], TrigramChoice.Choose(TrigramChoice.Of("nguyen van thanh"), rows, 1_000_000));
    }

    [Fact]
    public void A_short_term_has_its_one_trigram_or_none()
    {
        Assert.Empty(TrigramChoice.Of("an"));
        Assert.Equal([("hao", 0)], TrigramChoice.Of("hao"));
        // Letters outside the basic plane count as one character each.
        Assert.Equal(["𠀀ab"], TrigramChoice.Of("𠀀ab").Select(t => t.Trigram));
    }

    [Fact]
    public void On_a_small_index_where_every_list_is_short_each_trigram_that_rules_rows_out_is_asked_for()
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal) { ["tra"] = 3, ["ran"] = 3, ["an "] = 9, ["n t"] = 4, [" th"] = 8, ["thi"] = 6 };
        var chosen = TrigramChoice.Choose(TrigramChoice.Of("tran thi"), rows, 12);
        Assert.Equal("tra", chosen[0]);
        Assert.Contains("n t", chosen);
        Assert.DoesNotContain("ran", chosen); // overlaps "tra"
    }
}

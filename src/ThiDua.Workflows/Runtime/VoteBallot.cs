namespace ThiDua.Workflows.Runtime;

/// <summary>
/// That a member has voted on a council vote. For a secret ballot <see cref="Approve"/> stays null:
/// only the tally on the bookmark knows the choices, so nobody can read back who voted what.
/// </summary>
public sealed class VoteBallot
{
    public Guid Id { get; set; }
    public Guid BookmarkId { get; set; }
    public Guid UserId { get; set; }
    public DateTime CastAt { get; set; }
    public bool? Approve { get; set; }
}

namespace ThiDua.Workflows.Runtime;

/// <summary>
/// Answers "which organization" and "who" for a dossier, so definitions can say "the Sở of the nominee's
/// unit" instead of naming organizations, and one definition serves every province.
/// </summary>
public interface IOrganizationDirectory
{
    /// <summary>Resolves an organization selector (see <see cref="OrgSelectors"/>) relative to the dossier's unit.</summary>
    ValueTask<OrgRef?> ResolveAsync(string selector, Guid unitOrgId, CancellationToken ct);

    ValueTask<IReadOnlyList<UserRef>> UsersInRoleAsync(string role, Guid orgId, CancellationToken ct);

    ValueTask<UserRef?> FindUserAsync(Guid userId, CancellationToken ct);
}

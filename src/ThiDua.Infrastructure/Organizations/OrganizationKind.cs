namespace ThiDua.Infrastructure.Organizations;

/// <summary>Where an organization sits in the tree; selectors such as "the Sở of the unit" walk up by kind.</summary>
public enum OrganizationKind
{
    Central = 0,
    Province = 1,
    Department = 2,
    Commune = 3,
    Unit = 4,
}

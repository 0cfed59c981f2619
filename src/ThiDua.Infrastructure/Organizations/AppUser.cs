namespace ThiDua.Infrastructure.Organizations;

/// <summary>A person who signs in. Passwords are stored only as PasswordHasher hashes.</summary>
public sealed class AppUser
{
    public Guid Id { get; set; }
    /// <summary>Lower case; sign-in compares case-insensitively through this.</summary>
    public required string Username { get; set; }
    public required string DisplayName { get; set; }
    public string? Title { get; set; }
    public string? Email { get; set; }
    public required string PasswordHash { get; set; }
    public bool IsActive { get; set; } = true;
    public int FailedLogins { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime CreatedAt { get; set; }
}

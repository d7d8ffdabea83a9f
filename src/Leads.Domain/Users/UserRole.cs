namespace Leads.Domain.Users;

public enum UserRole
{
    Member = 0,
    Admin = 1,
}

using Leads.Application.Common.Exceptions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Leads.Infrastructure.Persistence;

/// <summary>
/// Turns a save that Postgres refused for a unique or foreign-key constraint into a 409 the client can act on. The
/// handlers check names and references first, but two requests can pass those checks together (two admins create
/// the same category name; a category is deleted while a lead is created with it): the constraint decides, and
/// its refusal is a conflict with the current state, not a server fault.
/// </summary>
internal static class ConstraintViolations
{
    public static ConflictException? Describe(DbUpdateException exception)
    {
        if (exception.InnerException is not PostgresException postgres)
        {
            return null;
        }

        return postgres.SqlState switch
        {
            PostgresErrorCodes.UniqueViolation => new ConflictException(
                $"A {Singular(postgres.TableName)} with the same {Column(postgres.ConstraintName)} already exists."),
            PostgresErrorCodes.ForeignKeyViolation when exception.Entries.Any(e => e.State == EntityState.Deleted) => new ConflictException(
                $"The {Singular(postgres.TableName)} is still in use by other records; remove those references first."),
            PostgresErrorCodes.ForeignKeyViolation => new ConflictException(
                $"The {Column(postgres.ConstraintName)} refers to a record that does not exist (it may just have been deleted)."),
            _ => null,
        };
    }

    private static string Singular(string? table) => table switch
    {
        "lead_categories" => "category",
        "users" => "user",
        "teams" => "team",
        "leads" => "lead",
        "team_memberships" => "team membership",
        _ => "record",
    };

    // EF names constraints IX_<table>_<Column> and FK_<table>_<principal>_<Column>; the field is what the client sent.
    private static string Column(string? constraint)
    {
        var name = (constraint ?? string.Empty).Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return name switch
        {
            _ when name.EndsWith("username", StringComparison.Ordinal) => "user name",
            _ when name.EndsWith("name", StringComparison.Ordinal) => "name",
            _ when name.EndsWith("categoryid", StringComparison.Ordinal) => "categoryId",
            _ when name.EndsWith("owneruserid", StringComparison.Ordinal) => "ownerUserId",
            _ when name.EndsWith("teamid", StringComparison.Ordinal) => "teamId",
            _ when name.EndsWith("userid", StringComparison.Ordinal) => "userId",
            _ => "value",
        };
    }
}

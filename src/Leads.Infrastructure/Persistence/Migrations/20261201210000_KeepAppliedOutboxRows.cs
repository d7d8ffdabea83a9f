using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leads.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Keeps applied outbox rows for the replay window (ADR 0005): <c>applied_at</c> says when a row's bump landed
    /// (null while it has not), and a partial index holds only the rows not applied yet, which are what the relay
    /// looks for on every tick. Rows already in the table are pending ones (applied rows used to be deleted).
    /// </summary>
    public partial class KeepAppliedOutboxRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "applied_at",
                table: "cache_invalidation_outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_cache_invalidation_outbox_pending",
                table: "cache_invalidation_outbox",
                column: "id",
                filter: "applied_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM cache_invalidation_outbox WHERE applied_at IS NOT NULL");

            migrationBuilder.DropIndex(
                name: "ix_cache_invalidation_outbox_pending",
                table: "cache_invalidation_outbox");

            migrationBuilder.DropColumn(
                name: "applied_at",
                table: "cache_invalidation_outbox");
        }
    }
}

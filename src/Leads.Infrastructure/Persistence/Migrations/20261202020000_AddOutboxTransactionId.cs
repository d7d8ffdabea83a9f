using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leads.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The id of the transaction that wrote each outbox row (<c>xid</c>, set by the database), indexed: while Redis
    /// cannot be used, instances read the rows committed since a horizon by it (<c>OutboxChangeFeed</c>). The
    /// column is the database's business only, so the EF model does not map it.
    /// </summary>
    [DbContext(typeof(LeadsDbContext))]
    [Migration("20261202020000_AddOutboxTransactionId")]
    public partial class AddOutboxTransactionId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE cache_invalidation_outbox ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id()");
            migrationBuilder.Sql("CREATE INDEX ix_cache_invalidation_outbox_xid ON cache_invalidation_outbox (xid)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_cache_invalidation_outbox_xid");
            migrationBuilder.Sql("ALTER TABLE cache_invalidation_outbox DROP COLUMN xid");
        }
    }
}

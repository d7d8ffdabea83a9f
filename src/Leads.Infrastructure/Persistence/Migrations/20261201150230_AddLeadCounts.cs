using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leads.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Adds <c>lead_counts</c>: leads and their value per team, status and category, kept by statement triggers on
    /// <c>leads</c> in the transaction of every insert, update, delete and truncate, so a summary or a list total
    /// is a read of a few rows instead of an aggregate over the leads table. The table is filled from the
    /// existing leads while writes to them are blocked, so no write can slip between the count and the trigger.
    /// </summary>
    public partial class AddLeadCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "lead_counts",
                columns: table => new
                {
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    category_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_count = table.Column<int>(type: "integer", nullable: false),
                    value_sum = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lead_counts", x => new { x.team_id, x.status, x.category_id });
                });

            migrationBuilder.Sql("""
                -- Adds a delta to one (team, status, category) row, creating the row on its first lead.
                CREATE FUNCTION lead_counts_add(p_team uuid, p_status varchar(20), p_category uuid, p_count integer, p_value numeric)
                RETURNS void LANGUAGE sql AS $$
                    INSERT INTO lead_counts AS c (team_id, status, category_id, lead_count, value_sum)
                    VALUES (p_team, p_status, p_category, p_count, p_value)
                    ON CONFLICT (team_id, status, category_id) DO UPDATE
                    SET lead_count = c.lead_count + EXCLUDED.lead_count, value_sum = c.value_sum + EXCLUDED.value_sum;
                $$;

                -- One statement's change to the counts: its rows are summed per (team, status, category) first, so a
                -- bulk insert touches each counts row once and an update that moves nothing (a new note) touches none.
                -- The rows are then changed in key order. Two writes moving leads in opposite directions (A to B and
                -- B to A) therefore lock the same two counts rows in the same order: one waits for the other instead
                -- of each holding the row the other needs (a deadlock, as the old-row-then-new-row order of a row
                -- trigger would have it).
                CREATE FUNCTION lead_counts_maintain() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    d record;
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        FOR d IN
                            SELECT "TeamId" AS team_id, "Status" AS status, "CategoryId" AS category_id,
                                   count(*)::integer AS n, sum("EstimatedValue") AS v
                            FROM new_rows
                            GROUP BY 1, 2, 3
                            ORDER BY 1, 2, 3
                        LOOP
                            PERFORM lead_counts_add(d.team_id, d.status, d.category_id, d.n, d.v);
                        END LOOP;
                    ELSIF TG_OP = 'DELETE' THEN
                        FOR d IN
                            SELECT "TeamId" AS team_id, "Status" AS status, "CategoryId" AS category_id,
                                   -count(*)::integer AS n, -sum("EstimatedValue") AS v
                            FROM old_rows
                            GROUP BY 1, 2, 3
                            ORDER BY 1, 2, 3
                        LOOP
                            PERFORM lead_counts_add(d.team_id, d.status, d.category_id, d.n, d.v);
                        END LOOP;
                    ELSE
                        FOR d IN
                            SELECT team_id, status, category_id, sum(n)::integer AS n, sum(v) AS v
                            FROM (
                                SELECT "TeamId" AS team_id, "Status" AS status, "CategoryId" AS category_id, 1 AS n, "EstimatedValue" AS v
                                FROM new_rows
                                UNION ALL
                                SELECT "TeamId", "Status", "CategoryId", -1, -"EstimatedValue"
                                FROM old_rows
                            ) AS changes
                            GROUP BY 1, 2, 3
                            HAVING sum(n) <> 0 OR sum(v) <> 0
                            ORDER BY 1, 2, 3
                        LOOP
                            PERFORM lead_counts_add(d.team_id, d.status, d.category_id, d.n, d.v);
                        END LOOP;
                    END IF;
                    RETURN NULL;
                END;
                $$;

                -- Postgres allows transition tables only on single-event triggers, hence three.
                CREATE TRIGGER lead_counts_after_insert AFTER INSERT ON leads
                    REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION lead_counts_maintain();
                CREATE TRIGGER lead_counts_after_update AFTER UPDATE ON leads
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION lead_counts_maintain();
                CREATE TRIGGER lead_counts_after_delete AFTER DELETE ON leads
                    REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION lead_counts_maintain();

                -- TRUNCATE fires no row or delete triggers (Respawn in the tests, an operator emptying the table).
                CREATE FUNCTION lead_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM lead_counts;
                    RETURN NULL;
                END;
                $$;
                CREATE TRIGGER lead_counts_after_truncate AFTER TRUNCATE ON leads
                    FOR EACH STATEMENT EXECUTE FUNCTION lead_counts_clear();

                -- Recounts from the leads table: the backfill below, and a repair for anyone who loaded leads with
                -- triggers switched off. SHARE mode lets readers through and holds writers until the transaction ends,
                -- so no write can land between the recount and its storing.
                CREATE FUNCTION lead_counts_rebuild() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    LOCK TABLE leads IN SHARE MODE;
                    DELETE FROM lead_counts;
                    INSERT INTO lead_counts (team_id, status, category_id, lead_count, value_sum)
                    SELECT "TeamId", "Status", "CategoryId", count(*), sum("EstimatedValue")
                    FROM leads
                    GROUP BY 1, 2, 3;
                END;
                $$;

                SELECT lead_counts_rebuild();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER lead_counts_after_truncate ON leads;
                DROP TRIGGER lead_counts_after_delete ON leads;
                DROP TRIGGER lead_counts_after_update ON leads;
                DROP TRIGGER lead_counts_after_insert ON leads;
                DROP FUNCTION lead_counts_rebuild();
                DROP FUNCTION lead_counts_clear();
                DROP FUNCTION lead_counts_maintain();
                DROP FUNCTION lead_counts_add(uuid, varchar, uuid, integer, numeric);
                """);

            migrationBuilder.DropTable(
                name: "lead_counts");
        }
    }
}

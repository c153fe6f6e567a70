/* schema_index.c - migration 4: indexes for the workbench's pages
 * (core/list.c) and the grid tree's counts, so that no keystroke on a
 * county of a million tickets waits for a whole table to be read
 * (docs/BENCHMARKS.md, "The workbench").
 *
 * The list screens sort organisations, instructors and gig workers by name
 * by default and page through them in that order: each name gets an index
 * (100,000 organisations sorted without one took 70 ms a page).  A grid
 * picked in the tree keeps gig workers to their community: an index on it.
 * The grid tree counts each grid's organisations and those with a party
 * organisation: org_grid grows into a covering index for both counts
 * (300 ms without, reading every organisation's row; 15 ms with).
 *
 * None is on the ticket table: every ticket index costs the million-ticket
 * import about two seconds.  Sorting tickets by a column without one is
 * done in the background instead (tui/listscr.c). */

const char migration_index[] =
	"DROP INDEX IF EXISTS org_grid;\n"
	"CREATE INDEX org_grid_party ON org(grid_id, deleted, party_org);\n"
	"CREATE INDEX org_name ON org(name);\n"
	"CREATE INDEX instructor_name ON instructor(name);\n"
	"CREATE INDEX worker_name ON worker(name);\n"
	"CREATE INDEX worker_community ON worker(community_id);\n";

/* Migration 5: one category of tickets.  Counting it (`gridwork ticket
 * count --category`, 7,290 of 100,000 tickets in about a millisecond
 * instead of reading every ticket: 40 ms in the sqlite3 shell) and the
 * queue sorted by category (a page of a million tickets in 5 ms instead
 * of sorting a category's 70,000 rows for each page) read the live
 * tickets' entries only: partial on deleted = 0, which both statements
 * say, and ordered by category then rowid as the pages are.  Its cost on
 * imports: kept up to date row by row by small files; built after the
 * rows by bulk files that at least double the table (core/ticket.c),
 * about 1.3 s a million. */
const char migration_ticket_category[] =
	"CREATE INDEX ticket_category ON ticket(category) WHERE deleted = 0;\n";

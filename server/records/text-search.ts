import type { Knex } from 'knex';
import { isPostgres, likeEscape, type Conn } from '../db/connect.js';

/**
 * A quick-search hook for small tables (the catalog, our companies): the
 * text anywhere in any of the columns, ignoring case, with % and _ taken
 * literally. SQLite's LIKE ignores case for ASCII letters only; PostgreSQL
 * needs ILIKE. Column names come from code, never from the request.
 */
export function containsText(table: string, columns: string[]) {
  return (qb: Knex.QueryBuilder, conn: Conn, q: string): void => {
    const pattern = '%' + likeEscape(q) + '%';
    const like = isPostgres(conn) ? 'ILIKE' : 'LIKE';
    qb.where((w) => {
      for (const column of columns) w.orWhereRaw(`?? ${like} ? ESCAPE '\\'`, [`${table}.${column}`, pattern]);
    });
  };
}

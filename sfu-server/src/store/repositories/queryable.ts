import type pg from 'pg';

/** A pool or a client inside a transaction: repositories only need to run parameterised queries. */
export type Queryable = Pick<pg.Pool, 'query'>;

import type { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

/**
 * What a reader may do with a table: the finding and counting half of a TypeORM repository. A
 * writer's `EntityManager` (inside `ctx.tx.run`) satisfies it too, so a read helper works in both
 * places, while a `ReadManager` cannot be handed to code that writes: the compiler refuses it.
 */
export type ReadRepository<E extends ObjectLiteral> = Pick<
  Repository<E>,
  | 'find'
  | 'findBy'
  | 'findOne'
  | 'findOneBy'
  | 'findOneOrFail'
  | 'findOneByOrFail'
  | 'findAndCount'
  | 'count'
  | 'countBy'
  | 'exists'
  | 'existsBy'
  | 'metadata'
>;

/** The read half of an EntityManager; raw `query` is for SELECTs (the connection refuses writes). */
export interface ReadManager {
  getRepository<E extends ObjectLiteral>(target: EntityTarget<E>): ReadRepository<E>;
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/** Where a reader comes from: `ctx.db`, a read-only connection of its own. */
export interface ReadDb extends ReadManager {
  readonly manager: ReadManager;
}

/** Both ends of the type check in one place: a writer's manager is also a reader. */
export type WriteManager = EntityManager;

import type { ApolloServerPlugin } from '@apollo/server';
import type { Knex } from 'knex';
import type { AccessRecord } from '../audit/accessRecord';
import type { Evaluator } from '../checks/checkRule';
import type { ClaimFacts, ClaimSource } from '../claims/claimRules';
import type { Databases } from '../db/databases';
import type { Context } from '../schema/context';
import type { ResolvedScope } from '../sources/rowScope';
import type { TableLoad } from '../../seeds/copy';
import type { Model } from '../../seeds/model';

/**
 * The heavy parts of a department module and what they are handed (./module.ts declares the module
 * itself): its resolvers, per-request loaders, seed tables, probe, request plugins, check-run hook,
 * claim facts and check evaluators.
 */

/** What a module's loaders may use: every database of the serving set and the request's row scope. */
export interface LoaderContext {
  dbs: Databases;
  /** The caller's row scope, resolved once per request (memoised). */
  resolveScope: () => Promise<ResolvedScope>;
}

/** The heavy parts of a module, loaded by `DepartmentModule.parts()`. */
export interface DepartmentParts<Loaders = unknown> {
  /** Its schema section: type-graphql resolver classes (their types come along). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly resolvers: readonly Function[];
  /** Per-request loaders over its database (fresh for every request, bound to its row scope). */
  createLoaders(context: LoaderContext): Loaders;
  /** The tables its part of the deterministic seed fills, in load order, from the shared population model. */
  seedTables(model: Model): TableLoad[];
  /** Readiness probe for `/readyz`; default `SELECT 1`. Rejects when the database cannot serve. */
  probe?(db: Knex): Promise<void>;
  /**
   * Root query fields of its section that return no resident data (counts, reference data), and who
   * may reach them (shield denies any other such root field). Each resolver still checks its own role.
   */
  readonly rootRules?: Readonly<Record<string, 'AUTHENTICATED' | 'AUDITOR' | 'RESIDENT'>>;
  /**
   * Request checks its section adds to the hub's request pipeline, run after the purpose check and
   * before the rate limits and the access record (e.g. the street office's TICKET_HANDLING binding:
   * a read under that purpose must name an open ticket). Apollo server plugins.
   */
  readonly requestPlugins?: () => readonly ApolloServerPlugin<Context>[];
  /**
   * Called after every cross-department check run (src/checks/run.ts) once its findings are
   * recorded: the module that keeps tickets (the street office) files one ticket per open finding in
   * the owner department's queue and closes those of findings resolved at the source, each write
   * recorded through `append` before it commits. Rejects when a write fails; the next run completes it.
   */
  afterCheckRun?(run: CheckRunTicketsInput): Promise<CheckRunTickets>;
  /**
   * The facts this department answers its claims from (src/claims/claimRules.ts `ClaimFacts`): for
   * each source in `needed` that is its own (it ignores the others), one load through its own
   * per-request loaders, read-only. src/schema/claims/claimFacts.ts merges every module's.
   */
  claimFacts?(loaders: Loaders, idNumber: string, needed: ReadonlySet<ClaimSource>): Promise<Partial<ClaimFacts>>;
  /**
   * Its section of the person file, for reading ahead (src/departments/personSections.ts): the
   * `Person` field it adds (`civilAffairs`), the section type's name (`CivilAffairs`), and for each of
   * the section's fields the loader its resolver reads with the person's ID number. Where a list of
   * persons is made from identity rows (a household's members), the selected and allowed fields
   * start their reads with the members' hub ids instead of one loader wave after them. List only
   * loaders the field's resolver reads with exactly that key, so a read ahead is the read the field
   * would make (same loader, same key: the field then finds it in the loader's cache).
   */
  readonly personSection?: PersonSection<Loaders>;
  /** The evaluators of the module's `checkRules`, by rule id (read-only, batched look-ups: src/checks/federation.ts). */
  readonly checkEvaluators?: Readonly<Record<string, Evaluator>>;
}

/** A module's section of the person file, as `DepartmentParts.personSection` declares it. */
export interface PersonSection<Loaders = unknown> {
  /** The `Person` field the section hangs on. */
  readonly field: string;
  /** The section's GraphQL type name (its fields' policy keys are `<type>.<field>`). */
  readonly type: string;
  /** Each section field's loader by the person's ID number (fields missing here are not read ahead). */
  loaders(loaders: Loaders): Readonly<Record<string, { loadMany(idNumbers: readonly string[]): Promise<unknown> }>>;
}

/** What a check run hands the modules after recording its findings. */
export interface CheckRunTicketsInput {
  dbs: Databases;
  /** The access log's append (the one recorder), for the writes' records. */
  append: (record: AccessRecord) => Promise<number>;
  runId: number;
  now?: Date;
  /** Tickets per transaction and access record. */
  batch?: number;
}

/** The tickets a check run filed and closed. */
export interface CheckRunTickets {
  filed: number;
  closed: number;
  /** Open findings with no household to file a ticket about (worked from `discrepancies` only). */
  withoutHousehold: number;
}

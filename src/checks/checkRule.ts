import type { Databases } from '../db/databases';
import type { Level } from '../policy/declaration';

/**
 * The shape of a cross-department check (issue 18) and of its evaluator. Each department module
 * declares the rules whose findings it must act on (`checkRules` in its index.ts: data only) and
 * their evaluators (`checkEvaluators` in its parts); ./rules.ts and ./evaluators.ts read them from
 * the registry. This file imports types only, so modules may import it.
 */
export interface CheckRule {
  /** Upper-case id: the finding's `rule`, the GraphQL `rule` argument, the ground truth's key (seeds/truth.ts). */
  readonly id: string;
  readonly title: string;
  /** Databases the rule reads (registered department modules). */
  readonly reads: readonly string[];
  /** The department that must act: only its officers see the finding. */
  readonly owner: string;
  /**
   * What a finding reveals about its subject: the owner's officers may read findings of this rule
   * only under a purpose for which the owner's policy row ALLOWs this level.
   */
  readonly level: Level;
  /** Who the subject is: the person concerned, the newborn's mother, or the owner's own record. */
  readonly subject: 'PERSON' | 'MOTHER' | 'OWNER_RECORD';
  /** What the owner is shown besides the rule and the dates: the minimum needed to act. */
  readonly shows: string;
  /** What the rule finds, in the departments' terms. */
  readonly condition: string;
  /** Why the owner must act, and why this level. */
  readonly reason: string;
}

/** A rule as its module declares it: the owner is the declaring module. */
export type DepartmentCheckRule = Omit<CheckRule, 'owner'>;

/**
 * How each declared rule is evaluated, as a federation: one department's database
 * gives the candidates (an indexed scan of its own table), the others are asked about exactly
 * those keys in batches (`= ANY($1)`, BATCH keys a statement), and nothing is copied anywhere —
 * the candidates live in this process for the length of the run. Every statement is a SELECT:
 * OneFile never writes department data.
 *
 * An evaluator returns its cases keyed by subject: `idNumber` (the person concerned, or the
 * mother for BIRTH_NOT_REGISTERED) which the run turns into a hub person id and then forgets, or
 * `ownerRecord` (the owner's own record key) where the hub has no person.
 */
export interface RuleCase {
  idNumber?: string;
  ownerRecord?: string;
}

export interface EvaluationContext {
  dbs: Databases;
  /** The day the rules are evaluated for (ISO date): ages and contract expiries are counted to it. */
  asOf: string;
}

export type Evaluator = (ctx: EvaluationContext) => Promise<RuleCase[]>;


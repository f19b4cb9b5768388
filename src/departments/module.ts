import type { DepartmentCheckRule } from '../checks/checkRule';
import type { DepartmentClaim, DepartmentServiceItem } from '../claims/claimNames';
import type { Purpose, Role } from '../auth/vocabulary';
import type { Databases } from '../db/databases';
import type { Decision, Level } from '../policy/declaration';
import type { IdentityDeclaration } from './identity';
import type { DepartmentParts } from './moduleParts';
import type { SearchVisits } from './searchVisits';
import type { Tag } from '../tags/tag';

/**
 * A department module: everything the hub knows about one database it talks to — the hub's own or
 * a department's — declared once, in one folder `src/departments/<name>/`, and listed once in
 * `src/departments/registry.ts`. Nothing else in the repository lists departments: the database
 * list, the `<NAME>_DATABASE_URL` variables, the policy owners, the loaders, the schema's resolvers,
 * readiness, seeding, the embedded start, knexfile, `docs/access-matrix.md` and the README's
 * configuration table are all derived from the registry.
 *
 * ## Adding a department (e.g. `hrss`, human resources & social security)
 *
 * 1. `migrations/hrss/` — its tables (knex migrations, `<timestamp>_<what>.ts`).
 * 2. `src/departments/hrss/index.ts` — `export const hrss = defineDepartment({ name: 'hrss', ... })`:
 *    the light declaration (name, title, roles, policy rows, seeded tables; optionally the service
 *    tags it answers, search filters its section adds) and `parts`, which loads the rest on demand
 *    from `./parts` (`parts: lazy(() => require('./parts').parts)`: src/departments/lazy.ts keeps
 *    the loaded value, since `parts()` is called on every request).
 * 3. `src/departments/hrss/parts.ts` — its schema section (type-graphql types and resolvers, e.g. a
 *    `@FieldResolver` adding `Person.socialSecurity`; every field declared with `@Policy('hrss', …)`),
 *    its row readers and per-request loaders (`createLoaders`), its seed tables (`seedTables`), and
 *    optionally its own readiness probe.
 * 4. One line in `src/departments/registry.ts`.
 * 5. Its policy rows (`policy` below). A department without rows is invisible (DENY) to every role,
 *    its own officers included, and the schema build logs a warning naming it.
 *
 * Then regenerate the derived documents (`npm run policy:matrix`, `npm run docs:config`); tests
 * fail while they are stale. Tests (and operators trying a module out) may register further modules
 * without editing the registry: `ONEFILE_EXTRA_DEPARTMENTS=/path/to/module[,…]` (each exporting
 * `department`), read by the same code path as the built-in list.
 *
 * ## Layering
 *
 * The module object itself imports nothing at run time but data (its tags: `./tags.ts`, over the
 * tag vocabulary src/tags/tag.ts, which imports nothing), so the lowest layers (config, the
 * authorization vocabulary, the policy declarations, tags) may read the registry. The heavy parts —
 * GraphQL classes, SQL readers, seed generators — sit behind `parts()`, which loads them on first
 * use; this keeps the registry free of import cycles and a configuration error fast to report.
 */
export interface DepartmentModule<Name extends string = string, Loaders = unknown> {
  /**
   * Lower-case letters and digits: the owner in `@Policy(owner, …)`, the database's name (the
   * embedded database is `onefile_<name>`), its variable `<NAME>_DATABASE_URL`, its migrations
   * folder `migrations/<name>/`, its key in `Loaders`, in `/readyz` and in the seed report.
   */
  readonly name: Name;
  /** For people: `police (公安)`. Printed in the README's configuration table. */
  readonly title: string;
  /**
   * `hub`: the hub's own database (ids, grids, the access log); exactly one module is. It is not a
   * department: readiness reports it apart, and its failure makes the hub unavailable.
   * `department`: a department's database; its failure only degrades the hub.
   */
  readonly kind: 'hub' | 'department';
  /** Roles that work for this department (`Principal.department`, own-department checks). */
  readonly roles?: readonly Role[];
  /** Whether the department's records are keyed by the resident's ID number (it holds that number already). */
  readonly keyedByIdNumber?: boolean;
  /** How residents read the office in their history (`the street office`); default its name. */
  readonly residentName?: string;
  /** What writing each record type it owns means, in the resident's words (`{ Visit: 'recorded a visit' }`). */
  readonly writePhrases?: Readonly<Record<string, string>>;
  /** How errors name its records (`The civil affairs records are temporarily unavailable.`); default its name. */
  readonly recordsLabel?: string;
  /**
   * The identity spine (src/departments/identity.ts; police): the persons and households every file
   * is built on — the Person and Household files, their readers and the search's SQL, which the
   * hub's entry points reach through src/departments/spine.ts without naming this module. The
   * searches run on its database over a pool of their own (`Databases.searchPool`, plans per call:
   * src/db/planModes.ts). Exactly one registered module declares it (`identityModule()` in registry.ts).
   */
  readonly identity?: IdentityDeclaration;
  /** The search's visit conditions, answered by the module that keeps the visits (at most one; loaded on first use). */
  readonly searchVisits?: () => SearchVisits;
  /** The service tags whose department part this module answers (src/tags/tagCatalog.ts is built from these). */
  readonly tags?: readonly DepartmentTag[];
  /**
   * `SearchFilter` input fields its schema section adds that match residents by a declared field's
   * value (`'SearchFilter.visitOutcome': 'Visit.outcome'`): checked by the one matching rule
   * (src/policy/matchingArguments.ts) like the hub's own filters.
   */
  readonly searchFilters?: Readonly<Record<string, readonly string[]>>;
  /** Where its migrations are; default `migrations/<name>/` at the repository root (or next to `dist/`). */
  readonly migrationsDir?: string;
  /**
   * The policy rows for the facts this module owns (the policy table keyed by department): for
   * this role and purpose, these decisions for levels 1–4. The first matching row decides; no row
   * means DENY. Rows are the only place where a department's facts are opened to a role.
   */
  readonly policy: readonly DepartmentPolicyRow[];
  /**
   * The tables its seed part fills, each with the columns that order its rows (for
   * `npm run seed -- --checksum`). The first one is the "is it seeded?" probe: empty means the
   * database gets seeded on an embedded start, even when the others already are.
   */
  readonly seededTables: Readonly<Record<string, string>>;
  /**
   * The cross-department checks whose findings this department must act on (issue 18; it is their
   * owner), declared as data; their evaluators are `parts().checkEvaluators`. docs/checks.md lists them.
   */
  readonly checkRules?: readonly DepartmentCheckRule[];
  /** The yes/no claims this department answers (issue 18; it owns the facts), declared like fields: src/claims/claim.ts reads them. */
  readonly claims?: readonly DepartmentClaim[];
  /** The service items it handles with claims instead of documents: src/claims/serviceItem.ts reads them. */
  readonly serviceItems?: readonly DepartmentServiceItem[];
  /** Loads the heavy parts (schema section, loaders, seed part, probe) on first use. */
  readonly parts: () => DepartmentParts<Loaders>;
}

/** One policy row of a department module: the owner is the module. */
export interface DepartmentPolicyRow {
  role: Role;
  purposes: readonly Purpose[] | 'ANY';
  /** Decisions for levels 1, 2, 3 and 4. */
  levels: readonly [Decision, Decision, Decision, Decision];
  /** Why the row exists, for reviewers; printed in docs/access-matrix.md. */
  reason: string;
}

/**
 * A service tag as its department declares it: the tag's owner is the module, its level the level
 * of the yes/no fact it reveals. See src/tags/tagCatalog.ts for what each field means.
 */
export interface DepartmentTag {
  tag: Tag;
  /** Field name on PersonTags / HouseholdTags. */
  field: string;
  label: string;
  /** An age condition (from the identity spine's birth date): at least `min`, younger than `below`. */
  age?: { min?: number; below?: number };
  /** Whether a registered household can carry it. */
  household: boolean;
  level: Level;
  /** Another department's fact the tag also reveals (e.g. the spine's age band). */
  alsoReveals?: { owner: string; level: Level };
  /**
   * The SELECT of `id_number`s among `$1::bpchar[]` that have the department part (one index-only
   * scan). None: the spine decides the tag alone, in its own rows (the search's SQL).
   */
  check?: string;
  derivation: string;
  reason: string;
}

export type { CheckRunTickets, CheckRunTicketsInput, DepartmentParts, LoaderContext } from './moduleParts';

/** The loaders a module's `createLoaders` returns. */
export type LoadersOf<M> = M extends DepartmentModule<string, infer L> ? L : never;

/** Declares a module, keeping its name and loaders' types for `Loaders` (identity at run time). */
export function defineDepartment<const Name extends string, Loaders>(module: DepartmentModule<Name, Loaders>): DepartmentModule<Name, Loaders> {
  return module;
}

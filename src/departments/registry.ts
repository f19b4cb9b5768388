/**
 * THE registry of department modules: the hub's own database and one line per department. Every
 * other list of departments or databases in the repository is derived from it (see module.ts for
 * what a module declares and how to add one).
 */
import path from 'node:path';
import type { IdentityDeclaration } from './identity';
import type { DepartmentModule } from './module';
import { civil } from './civil';
import { health } from './health';
import { hub } from './hub';
import { police } from './police';
import { street } from './street';

/** The built-in modules, in the order they are listed everywhere (hub first). */
export const BUILT_IN_DEPARTMENTS = [hub, police, civil, health, street] as const;

/** Env variable naming further module files (comma-separated paths, each exporting `department`). */
export const EXTRA_DEPARTMENTS_VARIABLE = 'ONEFILE_EXTRA_DEPARTMENTS';

const NAME = /^[a-z][a-z0-9]{0,30}$/;

let cached: { key: string; modules: readonly DepartmentModule[] } | undefined;

/**
 * Every registered module: the built-in ones, then those named by ONEFILE_EXTRA_DEPARTMENTS (read
 * when first asked, and again whenever the variable changes). Throws on a bad module: a name that
 * is not lower-case letters and digits, a name used twice, a role claimed by two modules, or not
 * exactly one `hub` module, or not exactly one module declaring `identity`.
 */
export function departmentModules(env: NodeJS.ProcessEnv = process.env): readonly DepartmentModule[] {
  const key = env[EXTRA_DEPARTMENTS_VARIABLE] ?? '';
  if (cached?.key === key) return cached.modules;
  const modules: DepartmentModule[] = [...BUILT_IN_DEPARTMENTS, ...key.split(',').map((p) => p.trim()).filter(Boolean).map(loadExtra)];
  validate(modules);
  cached = { key, modules };
  return modules;
}

function loadExtra(file: string): DepartmentModule {
  const loaded = require(path.resolve(file)) as { department?: DepartmentModule };
  if (!loaded.department) throw new Error(`${EXTRA_DEPARTMENTS_VARIABLE}: ${file} exports no \`department\``);
  return loaded.department;
}

function validate(modules: readonly DepartmentModule[]): void {
  const names = new Set<string>();
  const roles = new Map<string, string>();
  for (const m of modules) {
    if (!NAME.test(m.name)) throw new Error(`department module name ${JSON.stringify(m.name)} must be lower-case letters and digits`);
    if (names.has(m.name)) throw new Error(`department module ${m.name} is registered twice`);
    names.add(m.name);
    for (const role of m.roles ?? []) {
      if (roles.has(role)) throw new Error(`role ${role} is claimed by departments ${roles.get(role)} and ${m.name}`);
      roles.set(role, m.name);
    }
  }
  if (modules.filter((m) => m.kind === 'hub').length !== 1) throw new Error('exactly one department module must be the hub\'s own database (kind: hub)');
  const spines = modules.filter((m) => m.identity).map((m) => m.name);
  if (spines.length !== 1) {
    throw new Error(`exactly one department module must declare identity (the identity spine: persons and households, and the database the searches run on); ${spines.length ? `declared by ${spines.join(', ')}` : 'none does'}`);
  }
}

/** The registered names, hub first: the databases, the policy owners. */
export function departmentNames(env?: NodeJS.ProcessEnv): string[] {
  return departmentModules(env).map((m) => m.name);
}

/** The module named `name`, or undefined. */
export function departmentNamed(name: string): DepartmentModule | undefined {
  return departmentModules().find((m) => m.name === name);
}

/**
 * Where a module's migrations are: its own `migrationsDir`, else `migrations/<name>/` at the
 * repository root (next to the loaded sources, so `dist/migrations/<name>/` for the compiled hub).
 */
export function migrationsDirectoryOf(name: string): string {
  return departmentNamed(name)?.migrationsDir ?? path.join(__dirname, '..', '..', 'migrations', name);
}

/**
 * The module that declares identity (the identity spine, src/departments/identity.ts): exactly one
 * registered module does (departmentModules refuses anything else). The searches run on its database, over a pool of their
 * own (`Databases.searchPool`, src/db/databases.ts).
 */
export function identityModule(): SpineModule {
  const owner = departmentModules().find((m): m is SpineModule => m.identity !== undefined);
  if (!owner) throw new Error('no department module declares identity (the identity spine)');
  return owner;
}

/** A module that declares identity. */
export type SpineModule = DepartmentModule & { readonly identity: IdentityDeclaration };

/** Whether `name` is the hub's own database (the module of kind `hub`). */
export function isHubDatabase(name: string): boolean {
  return departmentNamed(name)?.kind === 'hub';
}

/** The department a role works for (its module lists the role), or null. */
export function departmentOfRole(role: string): string | null {
  return departmentModules().find((m) => m.roles?.includes(role as never))?.name ?? null;
}

import type { GraphQLFieldResolver } from 'graphql';
import { rule } from 'graphql-shield';
import { AppError } from '../errors';
import type { Context } from '../schema/context';
import { DepartmentRequiredError, FieldDeniedError, RoleRequiredError } from './fieldDenied';

/**
 * The gates of the permission tree's roots (./applyPolicy.ts builds the tree): who may call each
 * root field (shield rules), who may open each subscription's stream, and what shield reports for a
 * rule that threw or denied.
 */

/** Root fields and who may call them; any root field not listed is denied (shield's fallback). */
export type RootRules = Record<string, 'RESIDENT_DATA' | 'AUTHENTICATED' | 'AUDITOR' | 'RESIDENT'>;

/** Shield rule: only this role may call the field (one rule per role, shared by name). */
const roleRules = new Map<string, ReturnType<ReturnType<typeof rule>>>();
export function onlyRole(role: 'AUDITOR' | 'RESIDENT') {
  if (!roleRules.has(role)) {
    roleRules.set(role, rule(`only${role}`, { cache: 'contextual' })((_p, _a, ctx: Context) => (ctx.access.principal.role === role ? true : new RoleRequiredError(role))));
  }
  return roleRules.get(role)!;
}

/** Subscription fields and who may subscribe; any subscription field not listed is denied (gateSubscribe). */
export type SubscriptionRules = Record<string, 'OWN_DEPARTMENT'>;

/**
 * Gates a subscription field's `subscribe` (the stream is opened only when allowed) by its rule:
 * OWN_DEPARTMENT lets through a role that works for the department named by the `department`
 * argument (its module's `roles`); any other role, or a field with no rule, is refused before a
 * stream exists. Not a shield rule: graphql-middleware wraps a field's `resolve` when it has one
 * (type-graphql always gives one), so a shield rule would run per event, after the stream opened.
 */
export function gateSubscribe(rule: SubscriptionRules[string] | undefined, subscribe: GraphQLFieldResolver<unknown, Context> | undefined): GraphQLFieldResolver<unknown, Context> {
  return (source, args: { department?: unknown }, ctx, info) => {
    if (rule === 'OWN_DEPARTMENT' && subscribe && ctx.access.principal.department !== null && args.department === ctx.access.principal.department) {
      return subscribe(source, args, ctx, info);
    }
    throw rule ? new DepartmentRequiredError() : new FieldDeniedError();
  };
}

/** Shield rule for root fields that read resident data: the purpose check must have passed. */
export const residentDataEntry = rule('residentDataEntry', { cache: 'no_cache' })((_parent, _args, ctx: Context) =>
  ctx.access.purpose !== null ? true : new FieldDeniedError(),
);

/**
 * What graphql-shield reports for a rule that threw or denied (its `fallbackError`). Shield's own
 * default turns every throwing rule into "Not Authorised!", so an outage would read as a denial:
 * here a coded AppError (e.g. SOURCE_UNAVAILABLE from a rule that had to ask a database) keeps its
 * own code; the fallback rule's deny (nothing thrown) and any uncoded error are FIELD_DENIED.
 */
export function shieldFallbackError(thrown: unknown): Error {
  return thrown instanceof AppError ? thrown : new FieldDeniedError();
}

import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, ValidationContext } from 'graphql';
import type { ErrorCode } from '../errors';
import { LIMIT_CODE_EXTENSION } from './limitError';
import type { QueryLimits } from './limitSettings';

/** An armor `onReject` handler that reports our coded error (armor's own says BAD_USER_INPUT). */
function reportAs(code: ErrorCode, message: string) {
  return [(ctx: ValidationContext | null) => ctx?.reportError(new GraphQLError(message, { extensions: { code, [LIMIT_CODE_EXTENSION]: code } }))];
}

/**
 * graphql-armor's validation rules with the hub's limits: depth, aliases (`__typename` counted:
 * `allowList: []`) and directives, each reported once with its own code and a message that names
 * the limit but no part of the schema; field suggestions are removed from every error. Armor's cost
 * rule is off because it runs before variables are known (`first: $n` would slip past it); the
 * hub's own cost check (queryCost.ts) runs once they are. Armor's token limit is off too (it threw
 * from a request hook, answered 500): graphql-js's parser enforces `maxTokens` instead.
 */
export function armorProtection(limits: QueryLimits) {
  const armor = new ApolloArmor({
    // Fragments do not add depth of their own: what counts is the depth of the answer, so clients that
    // compose queries from fragments (Apollo Client, Relay) get the same limit as those that do not.
    maxDepth: { n: limits.maxDepth, flattenFragments: true, exposeLimits: false, propagateOnRejection: false, onReject: reportAs('QUERY_TOO_DEEP', `The query is nested deeper than ${limits.maxDepth} levels.`) },
    maxAliases: { n: limits.maxAliases, allowList: [], exposeLimits: false, propagateOnRejection: false, onReject: reportAs('TOO_MANY_ALIASES', `The query uses more than ${limits.maxAliases} aliases.`) },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: false, propagateOnRejection: false, onReject: reportAs('TOO_MANY_DIRECTIVES', `The query uses more than ${limits.maxDirectives} directives.`) },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  });
  return armor.protect();
}

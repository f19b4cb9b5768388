import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError, Kind, SelectionSetNode } from 'graphql';
import type { Role } from '../auth/vocabulary';
import type { ErrorCode } from '../errors';
import type { Context } from '../schema/context';
import type { IntrospectionPolicy } from '../startup/mode';

/** Whether any operation or fragment of the document selects `__schema` or `__type`. */
export function selectsIntrospection(document: DocumentNode): boolean {
  const walk = (set: SelectionSetNode): boolean =>
    set.selections.some((sel) => {
      if (sel.kind === Kind.FIELD) return sel.name.value === '__schema' || sel.name.value === '__type' || (!!sel.selectionSet && walk(sel.selectionSet));
      if (sel.kind === Kind.INLINE_FRAGMENT) return walk(sel.selectionSet);
      return false;
    });
  return document.definitions.some((def) => (def.kind === Kind.OPERATION_DEFINITION || def.kind === Kind.FRAGMENT_DEFINITION) && walk(def.selectionSet));
}

/** Whether a principal of `role` may introspect under `policy`. */
export function mayIntrospect(policy: IntrospectionPolicy, role: Role): boolean {
  return policy === 'all' || (policy === 'admin' && role === 'ADMIN');
}

/**
 * Apollo plugin deciding introspection per role, once the operation is resolved and the
 * principal known (a validation rule cannot see who asks): `all` lets every authenticated role
 * introspect (the development default), `admin` only ADMIN (the production default), `off`
 * nobody. A refused request gets 403 with `INTROSPECTION_DISABLED` and no data; `__typename` is
 * not introspection and is always allowed. Apollo's own `introspection` switch stays on so this
 * is the only gate.
 */
export function introspectionPolicyPlugin(policy: IntrospectionPolicy): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (mayIntrospect(policy, contextValue.access.principal.role)) return;
          if (!selectsIntrospection(document)) return;
          throw new GraphQLError(policy === 'off' ? 'Introspection is disabled on this hub.' : 'Introspection is available to administrators only.', {
            extensions: { code: 'INTROSPECTION_DISABLED' satisfies ErrorCode, http: { status: 403 } },
          });
        },
      };
    },
  };
}

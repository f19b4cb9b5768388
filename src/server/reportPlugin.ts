import type { ApolloServerPlugin } from '@apollo/server';
import { graphqlErrors } from '../metrics';
import type { Context } from '../schema/context';

/**
 * Fills the request's report (see requestReport.ts) from inside Apollo: the operation kind once
 * the document resolved, the caller's role, and the codes of the errors the response carries
 * (counted on `/metrics`). Reads nothing else: no document text, variables or values.
 */
export function reportPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const report = rc.contextValue.report;
          if (report && rc.operation) report.kind = rc.operation.operation;
        },
        async willSendResponse(rc) {
          const report = rc.contextValue.report;
          if (!report) return;
          report.role = rc.contextValue.access?.principal.role;
          if (rc.response.body.kind !== 'single') return;
          const { data, errors } = rc.response.body.singleResult;
          report.hasData = data !== undefined && data !== null;
          for (const error of errors ?? []) {
            const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNCODED';
            report.errorCodes.push(code);
            graphqlErrors.inc({ code });
          }
        },
      };
    },
  };
}

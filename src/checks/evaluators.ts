import { departmentModules } from '../departments/registry';
import type { Evaluator } from './checkRule';

export { BATCH } from './federation';
export type { EvaluationContext, Evaluator, RuleCase } from './checkRule';

/**
 * The evaluator of every declared rule, by rule id, from the department modules' parts
 * (`checkEvaluators`, next to the rules each module declares). A test checks every declared rule
 * has exactly one. Loads the modules' parts on first use.
 */
export function checkEvaluators(): Readonly<Record<string, Evaluator>> {
  const all: Record<string, Evaluator> = {};
  for (const m of departmentModules()) {
    for (const [id, evaluate] of Object.entries(m.parts().checkEvaluators ?? {})) {
      if (all[id]) throw new Error(`check rule ${id} has evaluators in two modules`);
      all[id] = evaluate;
    }
  }
  return all;
}

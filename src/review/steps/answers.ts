// Step 2 of a review: the unit's answers, scored by the engine. Every input and 是否涉及 cell must still be
// reachable by its name; the engine's problems (待填, 数据错误) are put on the cells they are about. The
// scores the file carries are never used: they are only compared, by the formula step.
import { clauseNumber, indexOf, notApplicableRefused, score, type Catalog, type Filled, type ScoreResult } from "../../core/index";
import { names } from "../../core/names";
import { missingName, problemAt, show, where, type ReviewProblem } from "../types";

export interface Answers {
  /** The self-assessment recomputed from the unit's inputs. */
  self: ScoreResult;
  problems: ReviewProblem[];
}

export function checkAnswers(filled: Filled, catalog: Catalog): Answers {
  const sheet = filled.cells.sheet;
  const ix = indexOf(catalog);
  const problems: ReviewProblem[] = [];
  for (const spec of ix.inputs) if (!filled.inputCells.has(spec.id)) problems.push(missingName(sheet, names.input(spec.id), spec.label));
  for (const [id, { indicator }] of ix.indicators) {
    const c = filled.naCells.get(id);
    if (!c) problems.push(missingName(sheet, names.notApplicable(id), `“${indicator.title}”是否涉及`));
    else if (filled.naInvalid.has(id)) {
      problems.push(problemAt(sheet, { address: c.address, severity: "错误", kind: "数据错误", indicatorId: id, text: `“是否涉及”只能为“涉及”或“不涉及”，收到 ${show(c.value)}（按“涉及”计分）` }));
    } else if (filled.naRefused.has(id)) {
      problems.push(problemAt(sheet, { address: c.address, severity: "错误", kind: "数据错误", indicatorId: id, text: `${notApplicableRefused(indicator, catalog.kind)}；请改为“涉及”并填写本指标的数据` }));
    }
  }
  const self = score(catalog, filled.answers);

  // Engine problems → cells. A shared input is reported once, with the first clause it decides.
  const inputAddress = (id: string) => filled.inputCells.get(id)?.address;
  const seen = new Set<string>();
  for (const c of self.clauses) {
    for (const p of c.problems) {
      const clause = ix.clauses.get(c.clauseId)!.clause;
      const address = p.inputId ? (inputAddress(p.inputId) ?? "") : clause.inputs.map((i) => inputAddress(i.id)).filter(Boolean).join("、");
      const key = `${address}|${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ sheet, address: address.split("、")[0] ?? "", message: `${where(sheet, address)}：${p.message}（条款 ${clauseNumber(c.clauseId)}）`, severity: "错误", kind: p.kind, clauseId: c.clauseId });
    }
  }
  return { self, problems };
}

// 2022 年度（鹤信用办发〔2022〕4号）: everything about the year lives in this folder — the two indicator
// lists (county.ts = 附件1, department.ts = 附件2, sharing measures.ts), the member units (the 8 县区 from
// the notice; the 市直部门 from the office's editable departments.ts) and the readings of ambiguous clauses
// (readings.ts).
import type { YearDef } from "../../types";
import { parseUnitList } from "../../units";
import { county2022 } from "./county";
import { department2022 } from "./department";
import departments from "./departments";
import { readings2022 } from "./readings";

export const year2022: YearDef = {
  year: 2022,
  catalogs: [county2022, department2022],
  units: {
    county: ["兴山区", "向阳区", "工农区", "南山区", "兴安区", "东山区", "萝北县", "绥滨县"],
    department: parseUnitList(departments),
  },
  readings: readings2022,
};

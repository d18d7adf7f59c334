// The official calendar (src/core/calendar) and the 7 日公示 rule (src/core/publicity.ts) it decides.
import { calendarYears, coversYear, dayInfo, nthWorkingDayAfter, recordDate, timeliness, timelinessText, workingDaysAfter, cumulativeWorkingDays, PUBLICITY_WORKING_DAYS } from "../../src/core/index";
import { CALENDAR_YEARS } from "../../src/core/calendar/data";
import { generatedYears, packageVersion, renderData } from "../../scripts/make-calendar";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers/paths";
import { NOTICE_2022 } from "../fixtures/holidays2022";

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe("the 2022 calendar, day by day, is the State Council's 2022 notice", () => {
  const days: string[] = [];
  for (let d = new Date("2022-01-01T00:00:00Z"); d.getUTCFullYear() === 2022; d = new Date(d.getTime() + 86_400_000)) days.push(iso(d));

  it("has 365 days: a day is a working day iff it is Monday–Friday outside the days off, or a 调休 working day", () => {
    expect(days).toHaveLength(365);
    const wrong: string[] = [];
    for (const day of days) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const off = NOTICE_2022.off.find(([, a, b]) => day >= a && day <= b);
      const worked = NOTICE_2022.worked.find(([, w]) => w === day);
      const expected = worked ? true : off ? false : weekday >= 1 && weekday <= 5;
      const info = dayInfo(day);
      if (!info.ok) throw new Error(info.reason);
      if (info.value.working !== expected) wrong.push(`${day}: ${info.value.kind}`);
      if (worked) expect({ day, kind: info.value.kind, holiday: info.value.holiday }).toEqual({ day, kind: "调休上班", holiday: worked[0] });
      // 12-31 is a Saturday, the first day off of 元旦 2023: the package names it so, the notice for 2023 too.
      if (off) expect({ day, kind: info.value.kind, holiday: info.value.holiday }).toEqual({ day, kind: "法定节假日", holiday: off[0] });
    }
    expect(wrong).toEqual([]);
  });

  it("counts 2022's working days: 365 − 105 weekend days − 18 weekday days off + 7 weekend days worked = 249", () => {
    expect(workingDaysAfter("2021-12-31", "2022-12-31")).toEqual({ ok: true, value: 249 });
    // The notice's weekday days off: 1/3; 1/31–2/4; 4/4, 4/5; 5/2–5/4; 6/3; 9/12; 10/3–10/7 = 1+5+2+3+1+1+5 = 18.
    const weekdaysOff = days.filter((d) => {
      const w = new Date(`${d}T00:00:00Z`).getUTCDay();
      return w >= 1 && w <= 5 && NOTICE_2022.off.some(([, a, b]) => d >= a && d <= b);
    });
    expect(weekdaysOff).toHaveLength(18);
  });

  it("each 调休 working day falls on a weekend, as the notice says (星期六/星期日)", () => {
    for (const [, day] of NOTICE_2022.worked) expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
  });
});

describe("7 日公示 across 春节, 劳动节 and 国庆 with their 调休 days", () => {
  it("春节: decided Fri 1/28 — Sat 1/29 and Sun 1/30 are 调休 working days, 1/31–2/6 off; the 7th working day is 2/11", () => {
    // 1/29 (1), 1/30 (2), 2/7 (3), 2/8 (4), 2/9 (5), 2/10 (6), 2/11 (7).
    expect(nthWorkingDayAfter("2022-01-28", 7)).toEqual({ ok: true, value: "2022-02-11" });
    expect(timeliness("2022-01-28", "2022-02-11")).toMatchObject({ state: "按时", days: 7, deadline: "2022-02-11" });
    expect(timeliness("2022-01-28", "2022-02-14")).toMatchObject({ state: "逾期", days: 8 });
    // A plain weekday count (NETWORKDAYS without the calendar) makes 2/11 the 10th working day: late.
    expect(workingDaysAfter("2022-01-28", "2022-02-08")).toEqual({ ok: true, value: 4 });
  });

  it("劳动节: decided Fri 4/22 — Sun 4/24 worked, 4/30–5/4 off, Sat 5/7 worked", () => {
    // 4/24 (1), 4/25–4/29 (2–6), 5/5 (7).
    expect(nthWorkingDayAfter("2022-04-22", 7)).toEqual({ ok: true, value: "2022-05-05" });
    expect(timeliness("2022-04-22", "2022-05-05")).toMatchObject({ state: "按时", days: 7 });
    expect(timeliness("2022-04-22", "2022-05-06")).toMatchObject({ state: "逾期", days: 8 });
    // Decided on 4/29: 5/5 (1), 5/6 (2), 5/7 Saturday worked (3), 5/9–5/12 (4–7).
    expect(nthWorkingDayAfter("2022-04-29", 7)).toEqual({ ok: true, value: "2022-05-12" });
    expect(workingDaysAfter("2022-04-29", "2022-05-07")).toEqual({ ok: true, value: 3 });
  });

  it("国庆: decided Thu 9/29 — 10/1–10/7 off, Sat 10/8 and Sun 10/9 worked", () => {
    // 9/30 (1), 10/8 (2), 10/9 (3), 10/10–10/13 (4–7).
    expect(nthWorkingDayAfter("2022-09-29", 7)).toEqual({ ok: true, value: "2022-10-13" });
    expect(timeliness("2022-09-29", "2022-10-13")).toMatchObject({ state: "按时", days: 7 });
    expect(timeliness("2022-09-29", "2022-10-14")).toMatchObject({ state: "逾期", days: 8 });
    // A decision made on a day off (10/3) starts counting on the next working day, 10/8.
    expect(nthWorkingDayAfter("2022-10-03", 1)).toEqual({ ok: true, value: "2022-10-08" });
  });

  it("the decision day itself is not counted: published the same day is 0, the next working day 1", () => {
    expect(timeliness("2022-03-01", "2022-03-01")).toMatchObject({ state: "按时", days: 0 });
    expect(timeliness("2022-03-01", "2022-03-02")).toMatchObject({ state: "按时", days: 1 });
    expect(PUBLICITY_WORKING_DAYS).toBe(7);
  });

  it("across the new year: decided 2021-12-30, 2022-01-01–03 off", () => {
    // 12/31 (1), 1/4–1/7 (2–5), 1/10, 1/11 (6, 7).
    expect(nthWorkingDayAfter("2021-12-30", 7)).toEqual({ ok: true, value: "2022-01-11" });
  });

  it("says why in Chinese", () => {
    expect(timelinessText(timeliness("2022-09-29", "2022-10-14"))).toBe("决定 2022年9月29日，公示 2022年10月14日，为决定后第 8 个工作日，超过 7 个工作日（最迟应于 2022年10月13日 公示），逾期 1 个工作日");
    expect(timelinessText(timeliness("2022-03-01", "2022-03-01"))).toBe("决定 2022年3月1日，公示 2022年3月1日，当日公示，在 7 个工作日内");
  });
});

describe("a year the calendar does not cover is refused, never guessed", () => {
  const { last } = calendarYears();
  const later = last + 1;

  it("the calendar holds a contiguous run of years, 2022 among them", () => {
    expect(coversYear(2022)).toBe(true);
    expect(coversYear(later)).toBe(false);
    const years = CALENDAR_YEARS.map((y) => y.year);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => years[0] + i));
  });

  it(`a date in ${later}: a Chinese reason naming the year and what to do`, () => {
    const r = timeliness(`${later}-03-02`, `${later}-03-05`);
    expect(r.state).toBe("有误");
    const reason = (r as { reason: string }).reason;
    expect(reason).toContain(`工作日历不包含 ${later} 年`);
    expect(reason).toContain("须更新加载项");
    expect(dayInfo(`${later}-01-05`)).toMatchObject({ ok: false });
    // A period running into the uncovered year is refused too, not counted up to the year's end.
    expect(workingDaysAfter(`${last}-12-28`, `${later}-01-04`)).toMatchObject({ ok: false });
    expect(nthWorkingDayAfter(`${last}-12-30`, 7)).toMatchObject({ ok: false });
  });

  it("an old year before the table: refused with its own reason", () => {
    const r = workingDaysAfter("1999-05-01", "1999-05-10");
    expect(r).toMatchObject({ ok: false });
    expect((r as { reason: string }).reason).toContain("工作日历不包含 1999 年");
  });
});

describe("record dates as exports hold them", () => {
  it.each([
    ["text", "2022-03-05", "2022-03-05"],
    ["slashes", "2022/3/5", "2022-03-05"],
    ["dots", "2022.03.05", "2022-03-05"],
    ["Chinese", "2022年3月5日", "2022-03-05"],
    ["full-width digits", "２０２２－０３－０５", "2022-03-05"],
    ["date-time text", "2022-03-05 14:30:00", "2022-03-05"],
    ["date-time with T", "2022-03-05T08:00:00.000", "2022-03-05"],
    ["slashes and time", "2022/3/5 9:05", "2022-03-05"],
    ["Chinese with time", "2022年3月5日 14时30分", "2022-03-05"],
    ["compact", "20220305", "2022-03-05"],
    ["serial", 44625, "2022-03-05"],
    ["serial with time", 44625.75, "2022-03-05"],
    ["serial as text", "44625", "2022-03-05"],
    ["compact number", 20220305, "2022-03-05"],
    ["Date", new Date(Date.UTC(2022, 2, 5, 16, 0)), "2022-03-05"],
  ])("%s", (_, raw, expected) => {
    expect(recordDate(raw)).toEqual({ state: "ok", iso: expected });
  });

  it.each([["2022-02-30"], ["下周一"], [12], ["2022-13-01"], [Number.NaN]])("not a date: %p", (raw) => {
    expect(recordDate(raw)).toMatchObject({ state: "error" });
    expect((recordDate(raw) as { reason: string }).reason).toMatch(/^应为日期（如 2022-03-05），收到 /);
  });

  it("blank is missing; a record without a date, or published before its decision, is 有误", () => {
    expect(recordDate("  ")).toEqual({ state: "missing" });
    expect(timeliness("", "2022-03-05")).toEqual({ state: "有误", reason: "未填决定日期" });
    expect(timeliness("2022-03-05", "2022-03-01")).toEqual({ state: "有误", reason: "公示（上报）日期 2022年3月1日 早于决定日期 2022年3月5日，请核对" });
  });
});

describe("the cumulative table a workbook's native formulas use", () => {
  it("gives the same count as the calendar for every pair of days of a month around 春节", () => {
    const t = cumulativeWorkingDays(2021, 2023);
    expect(t.firstIso).toBe("2021-01-01");
    expect(t.cumulative).toHaveLength(365 + 365 + 365);
    const index = (d: string) => (Date.parse(`${d}T00:00:00Z`) - Date.parse("2021-01-01T00:00:00Z")) / 86_400_000;
    for (let a = 0; a < 40; a++) {
      for (let b = a; b < 40; b++) {
        const from = new Date(Date.parse("2022-01-10T00:00:00Z") + a * 86_400_000).toISOString().slice(0, 10);
        const to = new Date(Date.parse("2022-01-10T00:00:00Z") + b * 86_400_000).toISOString().slice(0, 10);
        expect(t.cumulative[index(to)] - t.cumulative[index(from)]).toBe((workingDaysAfter(from, to) as { value: number }).value);
      }
    }
  });
});

it("src/core/calendar/data.ts is what scripts/make-calendar.ts makes of the chinese-days package", () => {
  const text = readFileSync(join(ROOT, "src", "core", "calendar", "data.ts"), "utf8");
  expect(text).toBe(renderData(generatedYears(), packageVersion()));
});

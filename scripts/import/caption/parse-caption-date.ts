/** What a caption says about when: at least a year, often a month, sometimes a day. */
export interface CaptionDate {
  year: number;
  month: number | null;
  day: number | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const YEAR = String.raw`((?:18|19|20)\d\d)`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
// What stands before a date at the end of a caption: a separator (perhaps with "in" or "on"), or
// "in"/"on" alone. A space alone is not enough: "Cape May 2019" is a place and a year, not May.
const LEAD = String.raw`(?:^|\s*[,;:(–—-]+\s*(?:(?:in|on)\s+)?|\s+(?:in|on)\s+)`;
const TAIL = String.raw`\s*\)?\s*\.?\s*$`;

type Reader = (m: RegExpExecArray) => CaptionDate | null;

const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

function checked(year: number, month: number | null, day: number | null): CaptionDate | null {
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null) {
    if (month === null) return null;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day < 1 || day > days) return null;
  }
  return { year, month, day };
}

// Most specific first: "May 14, 2019" must not be read as "2019" with ", May 14" left in the place.
const PATTERNS: Array<[RegExp, Reader]> = [
  [new RegExp(`${LEAD}${YEAR}-(\\d{2})-(\\d{2})${TAIL}`, 'i'), (m) => checked(+m[1]!, +m[2]!, +m[3]!)],
  [new RegExp(`${LEAD}${MONTH}\\s+${DAY},?\\s+${YEAR}${TAIL}`, 'i'), (m) => checked(+m[3]!, monthNumber(m[1]!), +m[2]!)],
  [new RegExp(`${LEAD}${DAY}\\s+${MONTH},?\\s+${YEAR}${TAIL}`, 'i'), (m) => checked(+m[3]!, monthNumber(m[2]!), +m[1]!)],
  // North American order, as the predecessor sites this reads were written: month/day/year.
  [new RegExp(`${LEAD}(\\d{1,2})/(\\d{1,2})/${YEAR}${TAIL}`, 'i'), (m) => checked(+m[3]!, +m[1]!, +m[2]!)],
  [new RegExp(`${LEAD}${YEAR}-(\\d{2})${TAIL}`, 'i'), (m) => checked(+m[1]!, +m[2]!, null)],
  [new RegExp(`${LEAD}${MONTH},?\\s+${YEAR}${TAIL}`, 'i'), (m) => checked(+m[2]!, monthNumber(m[1]!), null)],
  [new RegExp(`${LEAD}${YEAR}${TAIL}`, 'i'), (m) => checked(+m[1]!, null, null)],
];

/**
 * The date at the end of a caption, and the caption without it.
 *
 * @example
 * splitCaptionDate('Yellow Warbler, Magee Marsh, Ohio, May 2019')
 * // { date: { year: 2019, month: 5, day: null }, rest: 'Yellow Warbler, Magee Marsh, Ohio' }
 */
export function splitCaptionDate(text: string): { date: CaptionDate | null; rest: string } {
  for (const [pattern, read] of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const date = read(m);
    // A date that does not exist ("February 30, 2019") is a mistake in the caption: no date, rather than a guess.
    if (!date) break;
    return { date, rest: text.slice(0, m.index).trim() };
  }
  return { date: null, rest: text.trim() };
}

import { describe, expect, test } from 'vitest';
import { csvRecords, parseCsv, sniffDelimiter } from '../../scripts/import/lib/csv';

describe('parseCsv', () => {
  test.each([
    { name: 'plain rows', input: 'a,b\n1,2\n', output: [['a', 'b'], ['1', '2']] },
    { name: 'no final newline', input: 'a,b\n1,2', output: [['a', 'b'], ['1', '2']] },
    { name: 'CRLF line ends', input: 'a,b\r\n1,2\r\n', output: [['a', 'b'], ['1', '2']] },
    { name: 'a byte-order mark', input: '\ufeffa,b\n1,2\n', output: [['a', 'b'], ['1', '2']] },
    { name: 'quoted commas', input: 'f\n"Anatidae (Ducks, Geese, and Waterfowl)"\n', output: [['f'], ['Anatidae (Ducks, Geese, and Waterfowl)']] },
    { name: 'doubled quotes', input: 'f\n"say ""hi"""\n', output: [['f'], ['say "hi"']] },
    { name: 'a line break inside quotes', input: 'f,g\n"two\nlines",x\n', output: [['f', 'g'], ['two\nlines', 'x']] },
    { name: 'empty cells', input: 'a,b,c\n,,\n', output: [['a', 'b', 'c'], ['', '', '']] },
    { name: 'blank lines skipped', input: 'a\n\n1\n\n', output: [['a'], ['1']] },
  ])('$name', ({ input, output }) => {
    expect(parseCsv(input)).toEqual(output);
  });

  test.each([
    { input: 'a,b,c\n', output: ',' },
    { input: 'a;b;c\n', output: ';' },
    { input: 'a\tb\n', output: '\t' },
    { input: 'single\n', output: ',' },
  ])('sniffDelimiter($input)', ({ input, output }) => {
    expect(sniffDelimiter(input)).toBe(output);
  });

  test('csvRecords keys rows by the trimmed header and reads semicolon files', () => {
    expect(csvRecords(' file ; species \nIMG_1.jpg;Yellow Warbler\n')).toEqual([{ file: 'IMG_1.jpg', species: 'Yellow Warbler' }]);
  });
});

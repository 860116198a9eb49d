import { parseReportSymbol } from './report-symbol';

describe('report document symbol (V4)', () => {
  it.each([
    ['A/HRC/55/50/Add.1', { session: 55, number: 50, addendum: 1 }],
    ['A/HRC/52/30', { session: 52, number: 30, addendum: null }],
    ['A/HRC/7/3/Add.12', { session: 7, number: 3, addendum: 12 }],
  ])('reads %s', (symbol, expected) => {
    expect(parseReportSymbol(symbol)).toEqual(expected);
  });

  it.each([
    'A/HRC/55',
    'A/HRC/55/50/Add',
    'A/HRC/55/50/Add.',
    'A/HRC/55/50/add.1',
    'a/hrc/55/50',
    'A/HRC/055/50',
    'A/HRC/55/50/Add.1 ',
    'A/HRC/55/50/Corr.1',
    'A/HRC/RES/55/1',
    'E/CN.4/2005/62/Add.1',
    'A/HRC/55/50/Add.1/Add.2',
  ])('refuses %s', (symbol) => {
    expect(parseReportSymbol(symbol)).toBeNull();
  });
});

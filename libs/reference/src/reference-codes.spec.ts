import { MANDATE_CODE, STATE_CODE } from './reference-codes';

describe('reference codes', () => {
  it('accepts mandate codes of 2 to 20 upper-case letters, digits or _ starting with a letter', () => {
    for (const code of ['TORTURE', 'WGAD', 'SR_MYANMAR', 'A1', 'A'.repeat(20)]) {
      expect(MANDATE_CODE.test(code)).toBe(true);
    }
    for (const code of ['torture', 'T', '1TORTURE', '_TORTURE', 'TOR TURE', 'A'.repeat(21), 'TORTURE\n']) {
      expect(MANDATE_CODE.test(code)).toBe(false);
    }
  });

  it('accepts State codes of exactly three upper-case letters', () => {
    for (const code of ['CHE', 'IRN', 'OTH']) {
      expect(STATE_CODE.test(code)).toBe(true);
    }
    for (const code of ['che', 'CH', 'CHEE', 'C1E', ' CHE']) {
      expect(STATE_CODE.test(code)).toBe(false);
    }
  });
});

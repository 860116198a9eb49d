import {
  C4_GROUND,
  MinimumContentInput,
  RECEIPT_ALPHABET,
  RECEIPT_CODE_PATTERN,
  SCREENING_CRITERIA,
  SubmissionStatus,
  c4Violations,
  canTransition,
  duplicateCriteria,
  evaluateScreening,
  generateReceiptCode,
  groundReason,
  minimumContentProblems,
} from './submission.rules';

const today = '2026-03-02';

const complete = (): MinimumContentInput => ({
  stateCode: 'IRN',
  victims: [{ name: 'A. Person' }],
  perpetrators: [{ kind: 'state', description: 'Prison guards' }],
  source: { name: 'B. Source', email: 'b@example.org' },
  occurredFrom: '2026-01-10',
  place: 'Evin prison, Tehran',
  description: 'The victim was beaten during interrogation on three consecutive days in January.',
});

const allPassed = SCREENING_CRITERIA.map((criterion) => ({ criterion, passed: true }));

describe('receipt codes', () => {
  it('are SP- and 10 characters of the unambiguous alphabet', () => {
    for (let index = 0; index < 200; index++) {
      expect(generateReceiptCode()).toMatch(RECEIPT_CODE_PATTERN);
    }
    expect(RECEIPT_ALPHABET).not.toMatch(/[01ILO]/);
  });

  it('draw every character from the random source', () => {
    expect(generateReceiptCode(() => 0)).toBe('SP-2222222222');
    expect(generateReceiptCode((max) => max - 1)).toBe('SP-ZZZZZZZZZZ');
  });

  it('do not repeat over many draws', () => {
    const codes = new Set(Array.from({ length: 5000 }, () => generateReceiptCode()));
    expect(codes.size).toBe(5000);
  });
});

describe('minimum content (C1)', () => {
  it('accepts complete information', () => {
    expect(minimumContentProblems(complete(), today)).toEqual([]);
  });

  it('accepts a law or policy instead of victims', () => {
    expect(
      minimumContentProblems({ ...complete(), victims: [], lawOrPolicy: 'Foreign Agents Act 2024' }, today),
    ).toEqual([]);
  });

  it('accepts a non-State recipient instead of a State', () => {
    expect(
      minimumContentProblems({ ...complete(), stateCode: undefined, otherRecipient: 'Acme Mining Ltd' }, today),
    ).toEqual([]);
  });

  it.each<[string, Partial<MinimumContentInput>, string]>([
    ['no victim and no law or policy', { victims: [], lawOrPolicy: '  ' }, 'victims'],
    ['a victim without name or description', { victims: [{ name: ' ', description: null }] }, 'victims.0'],
    ['no perpetrator', { perpetrators: [] }, 'perpetrators'],
    ['no source', { source: null }, 'source.name'],
    ['a source without a name', { source: { name: '', email: 'x@example.org' } }, 'source.name'],
    ['a source without e-mail or phone', { source: { name: 'B. Source' } }, 'source'],
    ['no State nor other recipient', { stateCode: undefined, otherRecipient: '' }, 'stateCode'],
    ['events starting after today', { occurredFrom: '2026-03-03' }, 'occurredFrom'],
    ['an end before the start', { occurredTo: '2026-01-09' }, 'occurredTo'],
    ['no place', { place: ' ' }, 'place'],
    ['a description too short to be factual', { description: 'Bad things.' }, 'description'],
  ])('refuses %s', (_, change, field) => {
    const problems = minimumContentProblems({ ...complete(), ...change }, today);
    expect(problems.map((problem) => problem.field)).toEqual([field]);
    expect(problems[0].message.length).toBeGreaterThan(10);
  });

  it('says that anonymous submissions are not considered', () => {
    const [problem] = minimumContentProblems(
      { ...complete(), source: { name: 'B. Source', email: null, phone: null } },
      today,
    );
    expect(problem.message).toMatch(/anonymous submissions are not considered/);
  });

  it('lists every problem at once', () => {
    expect(minimumContentProblems({}, today).map((problem) => problem.field)).toEqual([
      'victims',
      'perpetrators',
      'source.name',
      'stateCode',
      'occurredFrom',
      'place',
      'description',
    ]);
  });
});

describe('screening (C2, C3, C4)', () => {
  const tortureByWitness = { mandateCodes: ['TORTURE'], relation: 'witness' as const };

  it('is screened when every criterion is recorded and passed', () => {
    expect(evaluateScreening(allPassed, tortureByWitness)).toEqual({ status: 'screened', pending: [], grounds: [] });
  });

  it('stays received while criteria are pending and none failed', () => {
    const outcome = evaluateScreening(allPassed.slice(0, 2), tortureByWitness);
    expect(outcome.status).toBe('received');
    expect(outcome.pending).toEqual(SCREENING_CRITERIA.slice(2));
  });

  it('is inadmissible as soon as one criterion fails, naming it', () => {
    const outcome = evaluateScreening([{ criterion: 'no_abusive_language', passed: false }], tortureByWitness);
    expect(outcome.status).toBe('inadmissible');
    expect(outcome.grounds).toEqual(['no_abusive_language']);
  });

  it('names every failed criterion in the order of the Code of Conduct', () => {
    const recorded = allPassed.map((entry) =>
      entry.criterion === 'not_only_media_reports' || entry.criterion === 'factual_description'
        ? { ...entry, passed: false }
        : entry,
    );
    expect(evaluateScreening(recorded, tortureByWitness).grounds).toEqual([
      'factual_description',
      'not_only_media_reports',
    ]);
  });

  it('takes no account of domestic remedies or ratification (C3): they are not inputs', () => {
    expect(evaluateScreening.length).toBe(2);
    expect(evaluateScreening(allPassed, { mandateCodes: ['TORTURE'], relation: 'victim' }).status).toBe('screened');
  });

  it.each(['victim', 'family', 'representative'] as const)(
    'lets WGAD and WGEID take a case from the %s (C4)',
    (relation) => {
      expect(evaluateScreening(allPassed, { mandateCodes: ['WGAD', 'WGEID'], relation }).status).toBe('screened');
    },
  );

  it.each(['witness', 'organisation', 'other'] as const)(
    'refuses a case brought to WGAD or WGEID by a %s (C4)',
    (relation) => {
      for (const mandateCodes of [['WGAD'], ['WGEID'], ['TORTURE', 'WGEID']]) {
        const outcome = evaluateScreening(allPassed, { mandateCodes, relation });
        expect(outcome.status).toBe('inadmissible');
        expect(outcome.grounds).toEqual([C4_GROUND]);
      }
    },
  );

  it('applies C4 to the two working groups only', () => {
    expect(c4Violations(['TORTURE', 'EXPRESSION', 'WGPAD'], 'witness')).toEqual([]);
    expect(c4Violations(['WGEID', 'TORTURE', 'WGAD'], 'organisation')).toEqual(['WGAD', 'WGEID']);
  });

  it('explains each ground', () => {
    expect(groundReason(C4_GROUND, { mandateCodes: ['WGAD'], relation: 'witness' })).toMatch(
      /C4: WGAD take cases only from the persons concerned, their families or representatives; .*"witness"/,
    );
    expect(groundReason('not_only_media_reports', tortureByWitness)).toMatch(/C2: .*mass media/);
  });

  it('finds criteria given twice', () => {
    expect(duplicateCriteria([{ criterion: 'a' }, { criterion: 'b' }, { criterion: 'a' }])).toEqual(['a']);
    expect(duplicateCriteria([{ criterion: 'a' }])).toEqual([]);
  });
});

describe('life cycle', () => {
  it.each<[SubmissionStatus, SubmissionStatus, boolean]>([
    ['received', 'screened', true],
    ['received', 'inadmissible', true],
    ['received', 'rejected', true],
    ['screened', 'rejected', false],
    ['rejected', 'screened', false],
    ['inadmissible', 'screened', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});

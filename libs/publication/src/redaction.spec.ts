import { NAME_WITHHELD, publicVictimName, redactionFor, redactorFor } from './redaction';

describe('redaction of confidential victims’ names (C14)', () => {
  const maryam = { name: 'Maryam Example', nameConfidential: true };
  const reza = { name: 'Reza Sample', nameConfidential: false };

  it('leaves texts alone when no name is confidential', () => {
    const redact = redactorFor([reza, { name: 'Someone', nameConfidential: false }]);
    expect(redact('Mr. Reza Sample was arrested.')).toBe('Mr. Reza Sample was arrested.');
  });

  it('withholds the full name in any case and spacing, and each of its words', () => {
    const redact = redactorFor([maryam, reza]);
    expect(redact('Ms. Maryam Example and Mr. Reza Sample were arrested.')).toBe(
      `Ms. ${NAME_WITHHELD} and Mr. Reza Sample were arrested.`,
    );
    expect(redact('MARYAM   EXAMPLE, maryam example, Maryam\nExample')).toBe(
      `${NAME_WITHHELD}, ${NAME_WITHHELD}, ${NAME_WITHHELD}`,
    );
    expect(redact('Ms. Example was later released; Maryam was not. EXAMPLE.')).toBe(
      `Ms. ${NAME_WITHHELD} was later released; ${NAME_WITHHELD} was not. ${NAME_WITHHELD}.`,
    );
  });

  it('matches whole words only, and words of a name case-sensitively', () => {
    const redact = redactorFor([{ name: 'May Ann Roseberg', nameConfidential: true }]);
    expect(redact('The Government may wish to explain. Counterexamples: Mayor, Roseberger.')).toBe(
      'The Government may wish to explain. Counterexamples: Mayor, Roseberger.',
    );
    expect(redact('Ms. Roseberg and Ann met May.')).toBe(
      `Ms. ${NAME_WITHHELD} and ${NAME_WITHHELD} met ${NAME_WITHHELD}.`,
    );
  });

  it('handles non-Latin scripts, accents, hyphens and characters special to regular expressions', () => {
    const redact = redactorFor([
      { name: 'Мария Иванова', nameConfidential: true },
      { name: 'José Pérez-Núñez', nameConfidential: true },
      { name: 'A. (Tom) Smith+', nameConfidential: true },
      { name: 'ليلى أحمد', nameConfidential: true },
    ]);
    expect(redact('Госпожа Иванова и Мария Иванова')).toBe(`Госпожа ${NAME_WITHHELD} и ${NAME_WITHHELD}`);
    expect(redact('Sr. Pérez-Núñez; Sr. Núñez; José')).toBe(
      `Sr. ${NAME_WITHHELD}; Sr. ${NAME_WITHHELD}; ${NAME_WITHHELD}`,
    );
    expect(redact('Mr. A. (Tom) Smith+ said')).toBe(`Mr. ${NAME_WITHHELD} said`);
    expect(redact('السيدة ليلى أحمد')).toBe(`السيدة ${NAME_WITHHELD}`);
  });

  it('withholds a group name whole, not its common words', () => {
    const redact = redactorFor([{ name: 'Residents of Example Village', nameConfidential: true, group: true }]);
    expect(redact('The residents of Example Village were evicted; other residents stayed.')).toBe(
      `The ${NAME_WITHHELD} were evicted; other residents stayed.`,
    );
  });

  it('names the victim in the public list only when not confidential', () => {
    expect(publicVictimName(maryam)).toBe(NAME_WITHHELD);
    expect(publicVictimName(reza)).toBe('Reza Sample');
  });

  it('withholds the names of the sources and their organisations (whole), and counts what it withheld', () => {
    const sut = redactionFor(
      [
        { name: 'Maryam Example', nameConfidential: true },
        { name: 'Reza Sample', nameConfidential: false },
      ],
      [
        { name: 'Ivan Informant', organisation: 'Viasna Watch' },
        { name: 'Maryam Example', organisation: null },
      ],
    );
    expect(
      sut.redact(
        'Informed by Ivan Informant of Viasna Watch; Mr. Informant and VIASNA WATCH confirmed. Ms. Example; Reza Sample; watch it.',
      ),
    ).toBe(
      `Informed by ${NAME_WITHHELD} of ${NAME_WITHHELD}; Mr. ${NAME_WITHHELD} and ${NAME_WITHHELD} confirmed. Ms. ${NAME_WITHHELD}; Reza Sample; watch it.`,
    );
    expect(sut.withheld()).toEqual([
      { name: 'Maryam Example', roles: ['victim', 'source'], occurrences: 1 },
      { name: 'Ivan Informant', roles: ['source'], occurrences: 2 },
      { name: 'Viasna Watch', roles: ['source_organisation'], occurrences: 2 },
    ]);
    expect(redactorFor([], [{ name: 'Ivan Informant', organisation: null }])('Ivan said')).toBe(
      `${NAME_WITHHELD} said`,
    );
  });
});

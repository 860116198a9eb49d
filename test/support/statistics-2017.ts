import { DataSource } from 'typeorm';
import { LetterSpec, StatisticsFactory } from '../../libs/statistics/test/statistics-factory';

/**
 * The 2017 data set of the domain (S), as the statistics tests build it: 534 letters to 117 States and
 * 25 non-State actors, 365 of them replied by the cut-off of 31 January 2018 (68%), 20 more replied on
 * 1 March 2018, and 119 letters of 2016 replied in 2017.
 */
export async function loadStatistics2017(db: DataSource): Promise<void> {
  const factory = new StatisticsFactory(db);
  const states: string[] = (
    await db.query(`SELECT code FROM state WHERE status = 'member' ORDER BY code LIMIT 117`)
  ).map((row: { code: string }) => row.code);
  const day = (offset: number) => new Date(Date.UTC(2017, 0, 2 + offset)).toISOString().slice(0, 10);
  const specs: LetterSpec[] = Array.from({ length: 534 }, (_, k) => {
    const women = k < 121 ? 2 : 1;
    const men = 3 - women + (k < 241 ? 1 : 0);
    return {
      sentOn: day(k % 300),
      type: (['UA', 'AL', 'OL'] as const)[k % 3],
      ...(k < 500 ? { to: states[k % 117] } : { otherRecipient: `Company ${(k - 500) % 25}` }),
      lead: 'TORTURE',
      cosigners: k % 4 === 0 ? [] : ['EXPRESSION'],
      victims: [
        ...Array.from({ length: women }, () => ({ gender: 'female' as const })),
        ...Array.from({ length: men }, () => ({ gender: 'male' as const })),
        { gender: 'female' as const, group: true },
      ],
    };
  });
  const sent = await factory.letters(specs);
  const earlier = await factory.letters(
    Array.from({ length: 119 }, (_, k) => ({ sentOn: `2016-0${1 + (k % 9)}-15`, to: states[k % 117] })),
  );
  await factory.replies([
    ...sent.slice(0, 365).map((letter, k) => ({ letter: letter.id, receivedOn: day((k % 300) + 30) })),
    ...sent.slice(365, 385).map((letter) => ({ letter: letter.id, receivedOn: '2018-03-01' })),
    ...earlier.map((letter, k) => ({ letter: letter.id, receivedOn: day(k) })),
  ]);
}

import { chineseTsquery, configurationsFor, parseTextQuery } from './text-query';

function render(input: string): { sql: string; values: unknown[] } | null {
  const query = parseTextQuery(input);
  if (!query) {
    return null;
  }
  const values: unknown[] = [];
  const sql = query.expression((value) => {
    values.push(value);
    return `$${values.length}`;
  });
  return { sql, values };
}

const latin = (n: number) => {
  const readings = ['english', 'french', 'spanish'].map((c) => `websearch_to_tsquery('pg_catalog.${c}', $${n})`);
  return `(CASE WHEN ${readings.map((r) => `numnode(${r}) = 0`).join(' OR ')} THEN ''::tsquery ELSE (${readings.join(' || ')}) END)`;
};

describe('text queries of the public search', () => {
  it('reads each Latin word in the three working languages and requires every word', () => {
    expect(render('death penalty')).toEqual({ sql: `(${latin(1)} && ${latin(2)})`, values: ['death', 'penalty'] });
    expect(render('torture')).toEqual({ sql: latin(1), values: ['torture'] });
  });

  it('keeps phrases whole, joins OR alternatives, negates exclusions', () => {
    expect(render('"freedom of expression" blogger OR journalist -again')).toEqual({
      sql: `(${latin(1)} && (${latin(2)} || ${latin(3)}) && !!${latin(4)})`,
      values: ['"freedom of expression"', 'blogger', 'journalist', 'again'],
    });
    expect(render('-"death penalty" execution')?.values).toEqual(['"death penalty"', 'execution']);
  });

  it('reads Cyrillic with russian and Arabic with arabic stemming, other scripts without', () => {
    expect(configurationsFor('правозащитники')).toEqual(['russian']);
    expect(configurationsFor('المدافعين')).toEqual(['arabic']);
    expect(configurationsFor('δικαιώματα')).toEqual(['simple']);
    expect(configurationsFor('2023')).toEqual(['simple']);
    expect(render('правозащитники')).toEqual({
      sql: "websearch_to_tsquery('pg_catalog.russian', $1)",
      values: ['правозащитники'],
    });
  });

  it('matches Chinese as bigram phrases, one character as a prefix', () => {
    expect(chineseTsquery('人权理事会')).toBe("('人权' <-> '权理' <-> '理事' <-> '事会')");
    expect(chineseTsquery('人权')).toBe("'人权'");
    expect(chineseTsquery('人')).toBe("'人':*");
    expect(chineseTsquery('torture')).toBeNull();
    expect(render('人权 Xinjiang')).toEqual({
      sql: `(to_tsquery('pg_catalog.simple', $1) && ${latin(2)})`,
      values: ["'人权'", 'Xinjiang'],
    });
  });

  it('answers null for nothing to search, or only exclusions', () => {
    expect(parseTextQuery(undefined)).toBeNull();
    expect(parseTextQuery('   ')).toBeNull();
    expect(parseTextQuery('"" -- !! OR')).toBeNull();
    expect(parseTextQuery('-torture')).toBeNull();
  });

  it('passes quotes and operators as bound values, never as SQL', () => {
    const rendered = render(`it's'); DROP TABLE x; --`);
    expect(rendered?.values).toEqual([`it's');`, 'DROP', 'TABLE', 'x;']);
    expect(rendered?.sql).not.toContain('DROP');
  });
});

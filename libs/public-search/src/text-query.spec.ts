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

describe('text queries of the public search', () => {
  it('reads Latin words in the three working languages', () => {
    expect(render('death penalty')).toEqual({
      sql: "(websearch_to_tsquery('pg_catalog.english', $1) || websearch_to_tsquery('pg_catalog.french', $1) || websearch_to_tsquery('pg_catalog.spanish', $1))",
      values: ['death penalty'],
    });
  });

  it('reads Cyrillic with russian and Arabic with arabic stemming, other scripts without', () => {
    expect(configurationsFor('правозащитники')).toEqual(['russian']);
    expect(configurationsFor('المدافعين عن حقوق الإنسان')).toEqual(['arabic']);
    expect(configurationsFor('Иванов torture')).toEqual(['english', 'french', 'spanish', 'russian']);
    expect(configurationsFor('δικαιώματα')).toEqual(['simple']);
    expect(configurationsFor('2023')).toEqual(['simple']);
  });

  it('matches Chinese as bigram phrases, one character as a prefix', () => {
    expect(chineseTsquery('人权理事会')).toBe("('人权' <-> '权理' <-> '理事' <-> '事会')");
    expect(chineseTsquery('人权')).toBe("'人权'");
    expect(chineseTsquery('人')).toBe("'人':*");
    expect(chineseTsquery('人权 和 中国')).toBe("'人权' & '和':* & '中国'");
    expect(chineseTsquery('torture')).toBeNull();
    expect(render('人权 Xinjiang')).toEqual({
      sql:
        "((websearch_to_tsquery('pg_catalog.english', $1) || websearch_to_tsquery('pg_catalog.french', $1) || websearch_to_tsquery('pg_catalog.spanish', $1)) && to_tsquery('pg_catalog.simple', $2))",
      values: ['Xinjiang', "'人权'"],
    });
  });

  it('answers null for nothing to search', () => {
    expect(parseTextQuery(undefined)).toBeNull();
    expect(parseTextQuery('   ')).toBeNull();
    expect(parseTextQuery('"" -- !!')).toBeNull();
  });

  it('passes quotes and operators as bound values, never as SQL', () => {
    expect(render(`"freedom of expression" -Iran OR it's'); DROP TABLE x; --`)?.values).toEqual([
      `"freedom of expression" -Iran OR it's'); DROP TABLE x; --`,
    ]);
  });
});

import { jsonBytes } from './json-bytes';

describe('jsonBytes', () => {
  const cases: Array<[string, string[]]> = [
    ['no items', []],
    ['one item', ['{"a" : 1}']],
    [
      'items in every script, two-byte strings and pairs of surrogates included',
      [
        '{"subject" : "Détention"}',
        '{"text" : "中国政府重视"}',
        '{"text" : "اعتقال"}',
        '{"text" : "Правозащитники 😀"}',
      ],
    ],
    ['an item with a lone surrogate', ['{"text" : "a\ud800b"}', '{"b" : 2}']],
  ];

  it.each(cases)('writes the head, the items separated by commas and the tail, in UTF-8: %s', (_name, items) => {
    const text = `{"items":[${items.join(',')}],"nextCursor":"eyJzb3J0IjoiZGF0ZSJ9","sort":"date"}`;

    const sut = jsonBytes('{"items":[', items, '],"nextCursor":"eyJzb3J0IjoiZGF0ZSJ9","sort":"date"}');

    expect(sut.equals(Buffer.from(text))).toBe(true);
    expect(sut.length).toBe(Buffer.byteLength(text));
  });
});

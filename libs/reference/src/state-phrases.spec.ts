import { readReferenceRows } from './reference.seeder';

describe('State phrases (data/state-phrases.tsv)', () => {
  const states = readReferenceRows('OTH').states.filter((state) => state.status !== 'pseudo');
  const phrase = (code: string) => states.find((state) => state.code === code)!.phrases;

  it('names every State in an English, French and Spanish sentence', () => {
    expect(states).toHaveLength(195);
    for (const state of states) {
      for (const language of ['en', 'fr', 'es'] as const) {
        const { name, to, from } = state.phrases[language] ?? { name: '', to: '', from: '' };
        expect([state.code, language, Boolean(name && to && from)]).toEqual([state.code, language, true]);
        expect(to.endsWith(name.replace(/^(le|les|el) /, ''))).toBe(true);
      }
    }
  });

  it('gives French names their article and contracts the prepositions', () => {
    expect(phrase('FRA').fr).toEqual({ name: 'la France', to: 'à la France', from: 'de la France' });
    expect(phrase('BLR').fr).toEqual({ name: 'le Bélarus', to: 'au Bélarus', from: 'du Bélarus' });
    expect(phrase('NLD').fr).toEqual({ name: 'les Pays-Bas', to: 'aux Pays-Bas', from: 'des Pays-Bas' });
    expect(phrase('ISR').fr).toEqual({ name: 'Israël', to: 'à Israël', from: "d'Israël" });
    expect(phrase('CUB').fr).toEqual({ name: 'Cuba', to: 'à Cuba', from: 'de Cuba' });
    const french = states.flatMap((state) => [state.phrases.fr!.to, state.phrases.fr!.from]);
    expect(french.filter((text) => /^(à|de) (le|les) /.test(text))).toEqual([]);
  });

  it('contracts the Spanish prepositions and keeps English articles', () => {
    expect(phrase('GBR').es).toMatchObject({
      to: 'al Reino Unido de Gran Bretaña e Irlanda del Norte',
      from: 'del Reino Unido de Gran Bretaña e Irlanda del Norte',
    });
    expect(phrase('SLV').es).toMatchObject({ to: 'a El Salvador', from: 'de El Salvador' });
    expect(
      states
        .flatMap((state) => [state.phrases.es!.to, state.phrases.es!.from])
        .filter((text) => /^(a|de) el /.test(text)),
    ).toEqual([]);
    expect(phrase('NER').en).toEqual({ name: 'the Niger', to: 'to the Niger', from: 'from the Niger' });
  });

  it('names every State in an Arabic, Chinese and Russian sentence by its name in that language', () => {
    for (const state of states) {
      expect(state.phrases.ar).toEqual({
        name: state.names.ar,
        to: `إلى ${state.names.ar}`,
        from: `من ${state.names.ar}`,
      });
      expect(state.phrases.zh).toEqual({ name: state.names.zh, to: state.names.zh, from: state.names.zh });
      expect(state.phrases.ru).toEqual({ name: state.names.ru, to: state.names.ru, from: state.names.ru });
      expect([state.code, Boolean(state.names.ar && state.names.zh && state.names.ru)]).toEqual([state.code, true]);
    }
    expect(phrase('FRA').zh?.name).toBe('法国');
    expect(phrase('FRA').ru?.name).toBe('Франция');
  });
});

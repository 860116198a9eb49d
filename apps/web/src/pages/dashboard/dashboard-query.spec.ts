import { figureLinks, parseDashboardQuery, parseFigureQuery } from './dashboard-query';

describe('the dashboard address', () => {
  it('reads the dates from a link or from the day, month and year fields alike', () => {
    const link = parseDashboardQuery({ cutoff: '2018-01-31', from: '2017-01-01', to: '2017-12-31' });
    const typed = parseDashboardQuery({
      'cutoff-day': '31',
      'cutoff-month': '1',
      'cutoff-year': '2018',
      'from-day': '1',
      'from-month': '1',
      'from-year': '2017',
      'to-day': '31',
      'to-month': '12',
      'to-year': '2017',
    });
    expect(link.dates).toEqual({ cutoff: '2018-01-31', from: '2017-01-01', to: '2017-12-31' });
    expect(typed.dates).toEqual(link.dates);
    expect(typed.errors).toEqual([]);
    expect(link.form.cutoff).toEqual({ day: '31', month: '1', year: '2018' });
  });

  it('names the field of a day that does not exist, and of a period that ends before it starts', () => {
    expect(parseDashboardQuery({ 'cutoff-day': '31', 'cutoff-month': '2', 'cutoff-year': '2018' }).errors).toEqual([
      { field: 'cutoff-day', message: 'dashboard.error.cutoff.invalid' },
    ]);
    expect(parseDashboardQuery({ from: '2017-02-30' }).errors).toEqual([
      { field: 'from-day', message: 'dashboard.error.from.invalid' },
    ]);
    expect(parseDashboardQuery({ from: '2017-12-31', to: '2017-01-01' }).errors).toEqual([
      { field: 'to-day', message: 'dashboard.error.period' },
    ]);
    expect(parseDashboardQuery({}).errors).toEqual([]);
  });

  it('sorts only the tables and columns that sort', () => {
    expect(parseDashboardQuery({ sort: 'states.letters', order: 'ascending' }).sort).toEqual({
      table: 'states',
      column: 'letters',
      direction: 'ascending',
    });
    expect(parseDashboardQuery({ sort: 'states.secret' }).sort).toBeNull();
    expect(parseDashboardQuery({ sort: 'types.letters' }).sort).toBeNull();
  });

  it('turns the API CSV link of a figure into the drill-down page and the CSV of the site', () => {
    const links = figureLinks(
      '/statistics/figures/letters-replied.csv?from=2017-01-01&to=2017-12-31&cutoff=2018-01-31&state=IRN',
      (path) => `/fr${path}`,
    );
    expect(links.drill).toBe(
      '/fr/dashboard/letters?from=2017-01-01&to=2017-12-31&cutoff=2018-01-31&state=IRN&figure=letters-replied',
    );
    expect(links.csv).toBe(
      '/fr/dashboard/figures/letters-replied.csv?from=2017-01-01&to=2017-12-31&cutoff=2018-01-31&state=IRN',
    );
    expect(figureLinks('/statistics/figures/standing-invitations.csv?cutoff=2018-01-31', (p) => p).drill).toMatch(
      /^\/dashboard\/visits\?/,
    );
  });

  it('refuses an unknown figure, a filter that does not parse and a page that is not a number', () => {
    expect(parseFigureQuery('letters-sent', { state: 'IRN', page: '2' })).toEqual({
      figure: 'letters-sent',
      filters: { state: 'IRN' },
      page: 2,
    });
    expect(parseFigureQuery('nothing', {})).toBeNull();
    expect(parseFigureQuery('letters-sent', { state: 'Iran' })).toBeNull();
    expect(parseFigureQuery('letters-sent', { cutoff: '2018-02-30' })).toBeNull();
    expect(parseFigureQuery('letters-sent', { page: '0' })).toBeNull();
    expect(parseFigureQuery('letters-sent', { region: 'mars' })).toBeNull();
  });
});

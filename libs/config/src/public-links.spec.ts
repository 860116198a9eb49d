import { AppConfig } from './config';
import { EnvDto } from './env.dto';
import { publicAddress, publicLink } from './public-links';

describe('public links', () => {
  const config = (base: string) => new AppConfig(Object.assign(new EnvDto(), { PUBLIC_BASE_URL: base }));

  it('writes a page address in the language given, English for one the site does not have', () => {
    expect(publicLink(config('https://spcomms.example.org/'), '/set-password?token=x', 'fr')).toBe(
      'https://spcomms.example.org/fr/set-password?token=x',
    );
    expect(publicLink(config('http://localhost:3000'), 'workspace/letters/1', 'de')).toBe(
      'http://localhost:3000/en/workspace/letters/1',
    );
    expect(publicLink(config('http://localhost:3000'), '/portal', null)).toBe('http://localhost:3000/en/portal');
  });

  it('writes an address that is not a page (the API) without a language', () => {
    expect(publicAddress(config('https://x.example/base/'), '/public/communications/UA-IRN-5-2023')).toBe(
      'https://x.example/base/public/communications/UA-IRN-5-2023',
    );
  });
});

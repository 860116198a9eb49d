import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { PublicRoute } from '../../../api/src/auth/auth.decorators';
import { PageNotFoundException } from '../errors/page.exceptions';

/** The site's static files: `apps/web/assets/` (copied into dist by the build). */
export const ASSETS_DIR = join(__dirname, '..', '..', 'assets');

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/**
 * Serves the files of the assets folder, read once at start (a handful of small files): only names
 * found there answer, so no address reaches another file. Browsers revalidate with the ETag.
 */
@Controller('assets')
@ApiExcludeController()
@PublicRoute()
export class AssetsController {
  private readonly assets = new Map<string, Asset>();

  constructor() {
    for (const name of readdirSync(ASSETS_DIR)) {
      const type = TYPES[extname(name)];
      if (type) {
        const body = readFileSync(join(ASSETS_DIR, name));
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
        this.assets.set(name, { body, type, etag });
      }
    }
  }

  @Get(':name')
  asset(@Param('name') name: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const asset = this.assets.get(name);
    if (!asset) {
      throw new PageNotFoundException();
    }
    void reply.header('etag', asset.etag).header('cache-control', 'public, max-age=3600, must-revalidate');
    if (request.headers['if-none-match'] === asset.etag) {
      void reply.status(304).send();
      return;
    }
    void reply.header('content-type', asset.type).send(asset.body);
  }
}

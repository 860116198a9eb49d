import { Module } from '@nestjs/common';
import { MandateHoldersService } from './mandate-holders.service';
import { ReferenceRepository } from './reference.repository';
import { ReferenceSeeder } from './reference.seeder';
import { ReferenceService } from './reference.service';

@Module({
  providers: [ReferenceRepository, ReferenceService, MandateHoldersService, ReferenceSeeder],
  exports: [ReferenceService, MandateHoldersService, ReferenceSeeder, ReferenceRepository],
})
export class ReferenceModule {}

import { Module } from '@nestjs/common';
import { ReferenceRepository } from './reference.repository';
import { ReferenceSeeder } from './reference.seeder';
import { ReferenceService } from './reference.service';

@Module({
  providers: [ReferenceRepository, ReferenceService, ReferenceSeeder],
  exports: [ReferenceService, ReferenceSeeder, ReferenceRepository],
})
export class ReferenceModule {}

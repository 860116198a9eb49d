import { Module } from '@nestjs/common';
import { ReferenceModule } from '@spcomms/reference';
import { PublicStatisticsRepository } from './public-statistics.repository';
import { PublicStatisticsService } from './public-statistics.service';
import { StatisticsCsvService } from './statistics-csv.service';
import { StatisticsQueryService } from './statistics-query.service';
import { StatisticsRollupRepository } from './statistics-rollup.repository';
import { StatisticsSnapshot } from './statistics-snapshot';
import { StatisticsRepository } from './statistics.repository';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [ReferenceModule],
  providers: [
    StatisticsSnapshot,
    StatisticsRepository,
    StatisticsRollupRepository,
    StatisticsQueryService,
    StatisticsService,
    StatisticsCsvService,
    PublicStatisticsRepository,
    PublicStatisticsService,
  ],
  exports: [StatisticsService, StatisticsCsvService, PublicStatisticsService],
})
export class StatisticsModule {}

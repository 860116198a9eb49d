import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnv } from '@spcomms/config';
import { dataSourceOptions } from './data-source-options';

/** The DataSource used by the TypeORM CLI (migration:generate, migration:run). */
export const dataSource = new DataSource(dataSourceOptions(loadEnv().DATABASE_URL));

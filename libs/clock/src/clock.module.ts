import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, RewindableClock, SystemClock } from './clock';

@Global()
@Module({})
export class ClockModule {
  /** Provides the system clock; tests pass a clock they move. A rewindable clock is also provided as such. */
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    const providers = [
      { provide: Clock, useValue: clock },
      ...(clock instanceof RewindableClock ? [{ provide: RewindableClock, useValue: clock }] : []),
    ];
    return { module: ClockModule, providers, exports: providers.map((provider) => provider.provide) };
  }
}

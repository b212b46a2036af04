export * from './keys.ts';
export * from './order.ts';
export * from './entries.ts';
export * from './observations.ts';
export * from './fragments.ts';
export * from './agenda.ts';
export * from './intake.ts';
export * from './compare.ts';

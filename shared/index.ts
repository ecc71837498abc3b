// The library entry (package.json exports "."). Grows as the core lands.
export * from './taxonomy.ts';
export type * from './types.ts';

/**
 * Kijkwijzer: the themes, core questions, SLIM vocabularies, analysis and reflection content of
 * the method "Van Kijken naar Zien", shared by client and server. See README.md for the seed
 * section each part is based on. Isomorphic: no DOM, no Node APIs.
 */
export * from './themes.ts';
export * from './core-questions.ts';
export * from './slim.ts';
export * from './analysis.ts';
export * from './reflection.ts';
export * from './method.ts';

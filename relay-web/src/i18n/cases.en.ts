import type { Catalogue } from './catalogue.ts';

/** The cases screens' words in English; part of the en catalogue under `cases`. */
export const casesEn: Catalogue['cases'] = {
  title: 'Case',
};

import type { Catalogue } from './catalogue.ts';

/** The reports screens' words in English; part of the en catalogue under `reports`. */
export const reportsEn: Catalogue['reports'] = {
  title: 'Reports',
};

import { describe, expect, it } from 'vitest';
import { CASE_RULES, CASE_SERVICES, TRANSFER_OUTCOMES, WRAP_UP_OUTCOMES } from '@sign-relay/shared';
import { resources } from '../../i18n/catalogue.ts';

describe('the case words', () => {
  for (const [lang, { translation }] of Object.entries(resources)) {
    const c = translation.cases;
    it(`${lang}: every rule a case can break, every service and outcome has its words`, () => {
      for (const rule of CASE_RULES) expect(c.rules[rule], rule).toBeTruthy();
      for (const s of CASE_SERVICES) expect(c.service[s], s).toBeTruthy();
      for (const o of TRANSFER_OUTCOMES) expect(c.transferOutcome[o], o).toBeTruthy();
      for (const o of WRAP_UP_OUTCOMES) expect(c.wrapUp.outcomes[o], o).toBeTruthy();
    });
  }

  it('says the city rule on petitions in the words the city uses', () => {
    expect(resources['zh-TW'].translation.cases.contact.petitionRule).toBe('陳情須具真實姓名及聯絡方式（不受理匿名）');
  });
});

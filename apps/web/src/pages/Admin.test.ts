import { describe, expect, it } from 'vitest';
import { parsePosition } from './Admin';

describe('category position field', () => {
  it('accepts only a whole number the API accepts, instead of turning a typo into 0', () => {
    expect(parsePosition('12')).toBe(12);
    expect(parsePosition(' 0 ')).toBe(0);
    expect(parsePosition('10000')).toBe(10_000);
    for (const typed of ['', '12a', 'a12', '-1', '1.5', '1e3', '10001', '99999999999']) {
      expect(parsePosition(typed), typed).toBeNull();
    }
  });
});

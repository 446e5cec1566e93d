// 柔整 申請書 保険種別 boxes against the 法別番号 table (docs/reference/numbers-and-forms.md#houbetsu).
import { describe, expect, it } from 'vitest';
import { HOUBETSU, houbetsuByCode } from '@onshikit/portal-forms';

describe('法別番号 → 申請書 保険種別 (1 協, 2 組, 3 共, 4 国, 5 退, 6 後期)', () => {
  it('5 退 is only the 国保 退職者医療 (法別 67); 特例退職 63 is 2 組, 72-75 are 3 共', () => {
    expect(houbetsuByCode('67')?.claimKind).toBe(5);
    expect(houbetsuByCode('63')?.claimKind).toBe(2);
    for (const code of ['72', '73', '74', '75']) expect(houbetsuByCode(code)?.claimKind, code).toBe(3);
    expect(HOUBETSU.filter((h) => h.claimKind === 5).map((h) => h.code)).toEqual(['67']);
  });

  it('協会 01/02/03/04 → 1, 組合 06 → 2, 共済 07/31-34 → 3, 後期 39 → 6; 公費 has no box', () => {
    for (const [code, kind] of [
      ['01', 1],
      ['06', 2],
      ['31', 3],
      ['34', 3],
      ['39', 6],
    ] as const)
      expect(houbetsuByCode(code)?.claimKind, code).toBe(kind);
    for (const h of HOUBETSU) if (h.category === 'public-expense') expect(h.claimKind, h.code).toBeUndefined();
  });
});

/**
 * The 複数該当 chooser: every result the service returned, side by side, with the fields that
 * differ between them marked, so staff pick the one that matches the patient's 保険証 instead of
 * the page silently taking the first.
 */
import type { EligibilityResult } from '@onshikit/eligibility';
import { resultRows, type DateFormatter, type Lang } from '../present.js';

/** Renders one choice per result into `list`; `choose(index)` is called with the picked one. */
export function renderChoices(
  list: HTMLElement,
  results: readonly EligibilityResult[],
  lang: Lang,
  formatDate: DateFormatter,
  labels: { choose: string },
  choose: (index: number) => void,
): void {
  const rows = results.map((result) => resultRows(result, lang, undefined, formatDate));
  const differs = (label: string) => {
    const values = rows.map((r) => r.find(([l]) => l === label)?.[1] ?? '');
    return new Set(values).size > 1 || !rows.every((r) => r.some(([l]) => l === label));
  };
  list.replaceChildren(
    ...rows.map((row, index) => {
      const item = document.createElement('li');
      const dl = document.createElement('dl');
      for (const [label, value] of row) {
        const dt = document.createElement('dt');
        dt.textContent = label;
        const dd = document.createElement('dd');
        dd.textContent = value;
        if (differs(label)) {
          dt.classList.add('differs');
          dd.classList.add('differs');
        }
        dl.append(dt, dd);
      }
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'primary';
      button.dataset.choice = String(index);
      const insurer = results[index]?.insurerName ?? results[index]?.insurerNumber ?? '';
      button.textContent = `${labels.choose} ${index + 1}${insurer ? `: ${insurer}` : ''}`;
      button.addEventListener('click', () => choose(index));
      item.append(dl, button);
      return item;
    }),
  );
}

/**
 * The page's tabs (WAI-ARIA tabs pattern: `role="tab"`, `aria-selected`, one tab in the Tab order,
 * arrow keys, Home and End move between tabs) and the keyboard details of the forms tab: numeric
 * keyboards on number fields and focus on the first error after 確認する.
 */
import type { FormView } from '@onshikit/example-forms/form-view';

/** Wires the tabs of `tablist`; `onSelect` runs after a tab is shown. */
export function wireTabs(tablist: HTMLElement, onSelect: (name: string) => void): (name: string) => void {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (name: string, focus = false) => {
    for (const tab of tabs) {
      const selected = tab.dataset.tab === name;
      tab.classList.toggle('active', selected);
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !selected;
      if (selected && focus) tab.focus();
    }
    onSelect(name);
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab.dataset.tab ?? ''));
    tab.addEventListener('keydown', (event) => {
      const at = tabs.indexOf(tab);
      const to =
        event.key === 'ArrowRight'
          ? (at + 1) % tabs.length
          : event.key === 'ArrowLeft'
            ? (at - 1 + tabs.length) % tabs.length
            : event.key === 'Home'
              ? 0
              : event.key === 'End'
                ? tabs.length - 1
                : -1;
      if (to < 0) return;
      event.preventDefault();
      select(tabs[to]?.dataset.tab ?? '', true);
    });
  }
  return (name) => select(name);
}

/** Fields typed on a number pad (the rest keep the full keyboard). */
const NUMERIC_FIELDS = new Map<string, string>([
  ['practitionerNumber', 'numeric'],
  ['phoneNumber', 'tel'],
  ['staffCount', 'numeric'],
  ['deviceCount', 'numeric'],
  ['institutionCode', 'numeric'],
]);

/** Adds `inputmode` to number fields and moves focus to the first error when a form is sent. */
export function enhanceForms(root: HTMLElement, views: readonly FormView[]): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[name]')) {
    const mode = NUMERIC_FIELDS.get(input.name);
    if (mode) input.inputMode = mode;
  }
  root.addEventListener(
    'submit',
    (event) => {
      const form = event.target as HTMLFormElement;
      const view = views.find((v) => v.element.contains(form));
      if (!view) return;
      event.preventDefault();
      event.stopPropagation(); // the view's own handler would validate a second time
      void view.submit().then((valid) => {
        if (!valid) form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      });
    },
    { capture: true },
  );
}
